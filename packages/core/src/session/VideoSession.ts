import { PrivateVideoError } from '../errors/PrivateVideoError.js';
import { Subscribable } from '../Subscribable.js';
import { signUrl } from '../signing/signUrl.js';
import { type SignedAssets, toSignedAssets } from '../snapshot/toSignedAssets.js';
import { toSessionUrl } from '../source/assetUrls.js';
import { createVideoRef } from '../source/createVideoRef.js';
import { parseVideoUrl } from '../source/parseVideoUrl.js';
import type { VideoRef } from '../source/VideoRef.js';
import { abortable, abortedError } from './abortable.js';
import { requestSession } from './requestSession.js';
import type { Session } from './Session.js';
import type { GetPrivateToken, SessionContext } from './SessionContext.js';
import { toSessionKey } from './toSessionKey.js';

export type SessionStatus = 'public' | 'idle' | 'opening' | 'open' | 'renewing' | 'error';

/** An immutable snapshot: a new object on every change, so it can back `useSyncExternalStore`. */
export interface SessionState {
  readonly status: SessionStatus;
  /** The current reference: after a renewal it carries the new private token. */
  readonly ref: VideoRef;
  readonly session: Session | undefined;
  readonly error: PrivateVideoError | undefined;
}

export type SessionListener = (state: SessionState) => void;

export interface OpenOptions {
  /** Stops this caller's wait; the shared request goes on for the others. */
  signal?: AbortSignal | undefined;
}

export interface RenewOptions extends OpenOptions {
  /** Overrides the client's `getPrivateToken` for this renewal. */
  getPrivateToken?: GetPrivateToken | undefined;
}

/** Errors that a later `open()` may get past; the others are final for this private token. */
const transientCodes = new Set(['network', 'server', 'aborted']);

/**
 * The one session of one private video, shared by everything on the page that shows it (thumbnail,
 * player, hooks). It opens at most one `/session` request per private token, renews single-flight
 * through `getPrivateToken`, and tells subscribers whenever the session changes.
 */
export class VideoSession extends Subscribable<SessionListener> {
  /** The key of the reference it was created for; renewals add keys, never change this one. */
  readonly key: string;
  readonly #context: SessionContext;
  readonly #previousTokens: string[] = [];
  #state: SessionState;
  #opening: Promise<Session> | undefined;
  #renewing: Promise<Session> | undefined;

  constructor(ref: VideoRef, context: SessionContext) {
    super();
    this.key = toSessionKey(ref);
    this.#context = context;
    this.#state = {
      status: ref.privateToken === undefined ? 'public' : 'idle',
      ref,
      session: undefined,
      error: undefined,
    };
    if (ref.privateToken !== undefined) this.#restore(ref);
  }

  get ref(): VideoRef {
    return this.#state.ref;
  }

  getState(): SessionState {
    return this.#state;
  }

  /** True when the session's known expiry is within `margin` ms (or past). */
  isExpiring(margin = 0): boolean {
    const { session } = this.#state;
    return session !== undefined && session.expiresAt - margin <= this.#context.now();
  }

  /** Whether a renewal can get a new private token (a `getPrivateToken` here or on the client). */
  canRenew(getPrivateToken?: GetPrivateToken): boolean {
    return (getPrivateToken ?? this.#context.getPrivateToken) !== undefined;
  }

  /** Milliseconds until the known expiry (negative once expired); `Infinity` without a session. */
  msUntilExpiry(): number {
    const { session } = this.#state;
    return session === undefined ? Number.POSITIVE_INFINITY : session.expiresAt - this.#context.now();
  }

  /** Opens the session, or joins the request already under way; `null` for public videos. */
  open(options: OpenOptions = {}): Promise<Session | null> {
    const { status, session, error } = this.#state;
    if (status === 'public') return Promise.resolve(null);
    if (options.signal?.aborted) return Promise.reject(abortedError(options.signal));
    if (this.#renewing !== undefined) return abortable(this.#renewing, options.signal);
    if (session !== undefined) {
      return this.isExpiring() ? this.renew({ signal: options.signal }) : Promise.resolve(session);
    }
    if (error !== undefined && !transientCodes.has(error.code)) return Promise.reject(error);
    this.#opening ??= this.#share(this.#openNow(), () => {
      this.#opening = undefined;
    });
    return abortable(this.#opening, options.signal);
  }

  /**
   * Gets a fresh private token through `getPrivateToken` and opens a new session with it. Concurrent
   * calls share one renewal. Without `getPrivateToken` it fails with `session-expired`.
   */
  renew(options: RenewOptions = {}): Promise<Session> {
    if (this.#state.status === 'public') {
      return Promise.reject(
        new PrivateVideoError('invalid-source', `${this.ref.videoId} is public: it has no session to renew.`),
      );
    }
    if (options.signal?.aborted) return Promise.reject(abortedError(options.signal));
    const getPrivateToken = options.getPrivateToken ?? this.#context.getPrivateToken;
    this.#renewing ??= this.#share(this.#renewNow(getPrivateToken), () => {
      this.#renewing = undefined;
    });
    return abortable(this.#renewing, options.signal);
  }

  /** Adopts a session opened elsewhere (e.g. on the server): no `/session` request is made. */
  setSession(session: {
    token: string;
    expiresAt?: number | undefined;
    acquiredAt?: number | undefined;
  }): void {
    const acquiredAt = session.acquiredAt ?? this.#context.now();
    const expiresAt = session.expiresAt ?? acquiredAt + this.#context.sessionTtl;
    if (typeof session.token !== 'string' || session.token === '' || !Number.isFinite(expiresAt)) {
      throw new PrivateVideoError(
        'invalid-source',
        'setSession expects { token: string, expiresAt?: number }.',
      );
    }
    this.#adopt(this.ref, { token: session.token, acquiredAt, expiresAt });
  }

  /** Signs a URL of this video with the current session (see `signUrl`); others come back unchanged. */
  sign(url: string): string {
    const { ref, session } = this.#state;
    if (session === undefined) return url;
    return signUrl(url, { ref, sessionToken: session.token, previousTokens: this.#previousTokens });
  }

  /** The video's asset URLs, signed with the current session (all `undefined` until it opens). */
  assets(): SignedAssets {
    return toSignedAssets(this.#state);
  }

  async #openNow(): Promise<Session> {
    const { ref } = this.#state;
    this.#setState({ status: 'opening', ref, session: undefined, error: undefined });
    const session = await this.#request(ref);
    this.#adopt(ref, session);
    return session;
  }

  async #renewNow(getPrivateToken: GetPrivateToken | undefined): Promise<Session> {
    const previous = this.#state.ref;
    if (getPrivateToken === undefined) {
      throw new PrivateVideoError(
        'session-expired',
        `The session of ${previous.videoId} expired or was refused, and there is no getPrivateToken to renew it.`,
      );
    }
    this.#setState({ ...this.#state, status: 'renewing', error: undefined });
    const ref = createVideoRef({
      ...previous,
      privateToken: await this.#fetchPrivateToken(getPrivateToken, previous),
    });
    const session = await this.#request(ref);
    this.#previousTokens.push(previous.privateToken!);
    this.#adopt(ref, session);
    return session;
  }

  async #fetchPrivateToken(getPrivateToken: GetPrivateToken, ref: VideoRef): Promise<string> {
    let value: unknown;
    try {
      value = await getPrivateToken(ref);
    } catch (cause) {
      throw new PrivateVideoError('renewal-failed', `getPrivateToken failed for ${ref.videoId}.`, { cause });
    }
    const token = typeof value === 'string' && /[/<]/.test(value) ? tokenFromUrl(value, ref) : value;
    if (typeof token !== 'string' || token === ref.privateToken || this.#previousTokens.includes(token)) {
      throw new PrivateVideoError(
        'renewal-failed',
        `getPrivateToken must return a new private token of ${ref.videoId}, got ${typeof token === 'string' ? 'one already used' : JSON.stringify(value)}.`,
      );
    }
    return token;
  }

  async #request(ref: VideoRef): Promise<Session> {
    const acquiredAt = this.#context.now();
    const token = await requestSession(toSessionUrl(ref)!, ref, this.#context.request);
    return { token, acquiredAt, expiresAt: acquiredAt + this.#context.sessionTtl };
  }

  #adopt(ref: VideoRef, session: Session): void {
    const stored = { session, privateToken: ref.privateToken! };
    this.#context.store.write(this.key, stored);
    const refKey = toSessionKey(ref);
    if (refKey !== this.key) {
      this.#context.store.write(refKey, stored);
      this.#context.link(refKey, this);
    }
    this.#setState({ status: 'open', ref, session, error: undefined });
  }

  #restore(ref: VideoRef): void {
    const stored = this.#context.store.read(this.key);
    if (stored === undefined) return;
    const current =
      stored.privateToken === ref.privateToken
        ? ref
        : createVideoRef({ ...ref, privateToken: stored.privateToken });
    if (current !== ref) {
      this.#previousTokens.push(ref.privateToken!);
      this.#context.link(toSessionKey(current), this);
    }
    this.#state = { status: 'open', ref: current, session: stored.session, error: undefined };
  }

  /** Records the outcome of shared work in the state; the shared promise never rejects unobserved. */
  #share(work: Promise<Session>, settle: () => void): Promise<Session> {
    const shared = work.then(
      (session) => {
        settle();
        return session;
      },
      (error: unknown) => {
        settle();
        const typed =
          error instanceof PrivateVideoError
            ? error
            : new PrivateVideoError('network', `Unexpected failure: ${String(error)}`, { cause: error });
        this.#setState({ ...this.#state, status: 'error', session: undefined, error: typed });
        throw typed;
      },
    );
    shared.catch(() => {});
    return shared;
  }

  #setState(state: SessionState): void {
    this.#state = state;
    for (const listener of this.listeners) listener(state);
  }
}

function tokenFromUrl(value: string, ref: VideoRef): string | undefined {
  try {
    const parsed = parseVideoUrl(value, ref.domains);
    return parsed.videoId === ref.videoId ? parsed.privateToken : undefined;
  } catch {
    return undefined;
  }
}
