import type { ServerSession } from '../snapshot/toServerSnapshot.js';
import { toVideoRef } from '../source/toVideoRef.js';
import type { DeliveryDomains, VideoRef, VideoSource } from '../source/VideoRef.js';
import { toDuration } from '../toDuration.js';
import type { RetryOptions } from './requestSession.js';
import type { Session, StorageLike } from './Session.js';
import type { GetPrivateToken, SessionContext } from './SessionContext.js';
import { SessionStore } from './SessionStore.js';
import { servesSameVideo } from './servesSameVideo.js';
import { toSessionKey } from './toSessionKey.js';
import { type OpenOptions, type RenewOptions, VideoSession } from './VideoSession.js';

/** How long a session lives by default, in ms: 24 h, the delivery's TTL. */
export const DEFAULT_SESSION_TTL = 86_400_000; // 24 h

/** Options of `new SessionClient(options)`; every one has a default. */
export interface SessionClientOptions {
  /**
   * Makes the `/session` requests; defaults to the global `fetch`. (A player's session checks take their own,
   * `PrivatePlaybackOptions.fetch`; a thumbnail's, `checkThumbnailFailure`'s.)
   */
  fetch?: typeof fetch | undefined;
  /** The clock, in ms since the epoch. */
  now?: (() => number) | undefined;
  /**
   * Where sessions survive a page refresh. Defaults to `sessionStorage` where it works, else memory;
   * `null` keeps them in memory only.
   */
  storage?: StorageLike | null | undefined;
  /** How long a session lives, in ms (the delivery's TTL is 24 h). */
  sessionTtl?: number | undefined;
  retry?: Partial<RetryOptions> | undefined;
  /**
   * How long one `/session` attempt (answer and body) may take, in ms: default 10 000, at most 2^31 - 1.
   * A slower one fails as `network` and is retried, though the delivery may have spent the token by then:
   * the retry then finds it spent, and a `getPrivateToken` renews it at once (else it fails as `token-used`).
   */
  timeout?: number | undefined;
  /** Waits between retries; injectable so tests need no real time. */
  sleep?: ((ms: number) => Promise<void>) | undefined;
  random?: (() => number) | undefined;
  /** Custom delivery domains for sources that do not name their own. */
  domains?: Partial<DeliveryDomains> | undefined;
  /** Mints a fresh private token (through your backend) when a session has to be renewed. */
  getPrivateToken?: GetPrivateToken | undefined;
}

/**
 * Owns the sessions of a page: one `VideoSession` per (delivery origin, video, private token), shared by
 * every caller, persisted across refreshes.
 */
export class SessionClient {
  readonly #sessions = new Map<string, VideoSession>();
  readonly #context: SessionContext;
  readonly #domains: Partial<DeliveryDomains> | undefined;

  constructor(options: SessionClientOptions = {}) {
    const now = options.now ?? Date.now;
    // Defaults by field: a field given as `undefined` (which the types allow) must not unbound the retries.
    const { retries = 2, baseDelay = 300, maxDelay = 5_000 } = options.retry ?? {};
    this.#domains = options.domains;
    this.#context = {
      now,
      // Not 0, `NaN`…: a session expired at once would be opened again at every use, a private token each time.
      sessionTtl: toDuration(options.sessionTtl, DEFAULT_SESSION_TTL),
      store: new SessionStore(options.storage, now),
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      random: options.random ?? Math.random,
      // Not a number from 0 up (`NaN` from `Number()` of an unset environment variable, -1): the default, as
      // for durations (an endless loop of retries, or none at all, is never what was meant).
      retry: { retries: retries >= 0 ? retries : 2, baseDelay, maxDelay },
      timeout: toDuration(options.timeout, 10_000),
      getPrivateToken: options.getPrivateToken,
      link: (key, session) => {
        if (!this.#sessions.has(key)) this.#sessions.set(key, session);
      },
    };
  }

  /**
   * Replaces the `getPrivateToken` given to the constructor; `undefined` takes it away. Every session of this
   * client reads it when it renews (and `canRenew` answers by it), so one given later renews them too. Given
   * or taken away, the sessions tell their subscribers (see `VideoSession.notify`): what a failure shown with
   * them offers changed ("Try again" through a renewal).
   */
  setGetPrivateToken(getPrivateToken: GetPrivateToken | undefined): void {
    const changed = !getPrivateToken !== !this.#context.getPrivateToken;
    this.#context.getPrivateToken = getPrivateToken;
    // After the caller's task: a provider sets it as it renders, when no component may be told to update.
    if (changed)
      queueMicrotask(() => {
        for (const videoSession of this.#sessions.values()) videoSession.notify();
      });
  }

  /** Reads a source as this client does: where the source names no delivery domain, the client's. */
  toVideoRef(source: VideoSource): VideoRef {
    return toVideoRef(source, this.#domains);
  }

  /** The shared session object of a video (created on first use; no request until `open`). */
  video(source: VideoSource): VideoSession {
    const ref = this.toVideoRef(source);
    // A new one links itself to this client under its key (see `SessionContext.link`).
    return this.#sessions.get(toSessionKey(ref)) ?? new VideoSession(ref, this.#context);
  }

  /**
   * What shows a video uses: the source's own session object once it has one, else one of the same video whose
   * session lives, opens or renews (on another private token: see `servesSameVideo`), else the source's own.
   * The API gives each fetch of a private video a new token: a player given the object fetched again, or mounted
   * after a thumbnail of an earlier fetch, plays on that session, with no second `/session`; the new token,
   * unspent, is offered to it for its next renewal (see `VideoSession.offer`), so a session kept this way renews
   * without a `getPrivateToken`.
   * `tokenSpent`: the source's token opened a session elsewhere (a server session comes with it), so it is not
   * offered. Not for URLs of the source's own token: the session signs those of its own (`video(source).sign`).
   */
  servingVideo(source: VideoSource, tokenSpent?: boolean): VideoSession {
    const ref = this.toVideoRef(source);
    const serving =
      this.#sessions.get(toSessionKey(ref)) ??
      [...this.#sessions.values()].find((videoSession) => servesSameVideo(videoSession, ref));
    if (!tokenSpent) serving?.offer(ref.privateToken!);
    return serving ?? this.video(ref);
  }

  /** Opens (or reuses) the session of a video: at most one request per private token. */
  async getSession(source: VideoSource, options?: OpenOptions): Promise<Session | null> {
    return this.video(source).open(options);
  }

  async renew(source: VideoSource, options?: RenewOptions): Promise<Session> {
    return this.video(source).renew(options);
  }

  /** Adopts a session opened on the server, so the browser makes no `/session` request. */
  setSession(source: VideoSource, session: ServerSession): VideoSession {
    const video = this.video(source);
    video.setSession(session);
    return video;
  }

  /** Signs a URL with the session of that video, if it has one; see `signUrl`. */
  sign(source: VideoSource, url: string): string {
    return this.video(source).sign(url);
  }

  /** Forgets every session in memory (persisted ones stay until they expire). */
  clear(): void {
    this.#sessions.clear();
  }
}
