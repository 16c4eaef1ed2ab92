import { invalidSource } from '../errors/invalidSource.js';
import { PrivateVideoError, toPrivateVideoError } from '../errors/PrivateVideoError.js';
import { toShown } from '../errors/toShown.js';
import { Subscribable } from '../Subscribable.js';
import { signUrl } from '../signing/signUrl.js';
import { type SignedAssets, toSignedAssets } from '../snapshot/toSignedAssets.js';
import { toAssetBase } from '../source/assetUrls.js';
import { createVideoRef } from '../source/createVideoRef.js';
import { isPrivateToken } from '../source/isPrivateToken.js';
import { readVideoUrl } from '../source/readVideoUrl.js';
import type { VideoRef } from '../source/VideoRef.js';
import { abortable, abortedError } from './abortable.js';
import { isSessionToken } from './isSessionToken.js';
import { requestSession } from './requestSession.js';
import type { Session } from './Session.js';
import type { GetPrivateToken, SessionContext } from './SessionContext.js';
import { toSessionKey } from './toSessionKey.js';

/**
 * Where a video's session is: `public` (no session needed), `idle` (not opened yet), `opening`, `open`,
 * `renewing` (the old session still signs meanwhile) or `error`.
 */
export type SessionStatus = 'public' | 'idle' | 'opening' | 'open' | 'renewing' | 'error';

/** An immutable snapshot: a new object on every change, so it can back `useSyncExternalStore`. */
export interface SessionState {
  readonly status: SessionStatus;
  /** The current reference: after a renewal it carries the new private token. */
  readonly ref: VideoRef;
  readonly session: Session | undefined;
  readonly error: PrivateVideoError | undefined;
}

/** Called with each new state of a `VideoSession` (see `subscribe`). */
export type SessionListener = (state: SessionState) => void;

/** Options of `VideoSession.open` (and `SessionClient.getSession`). */
export interface OpenOptions {
  /** Stops this caller's wait; the shared request goes on for the others. */
  signal?: AbortSignal | null | undefined;
  /** Overrides the client's `getPrivateToken` for the renewal this call may need. */
  getPrivateToken?: GetPrivateToken | undefined;
}

/** Options of `VideoSession.renew` (and `SessionClient.renew`): the same as `open`'s. */
export type RenewOptions = OpenOptions;

/**
 * The one session of one private video, shared by everything on the page that shows it (thumbnail,
 * player, hooks). It makes at most one request at a time (an open or a renewal that everyone joins),
 * at most one `/session` per private token, and tells subscribers whenever the session changes.
 */
export class VideoSession extends Subscribable<SessionListener> {
  /** The key of the reference it was created for; renewals add keys, never change this one. */
  declare readonly key: string; // set by the constructor: a field would only define it first
  readonly #context: SessionContext;
  readonly #previousTokens: string[] = [];
  #state: SessionState;
  #pending: Promise<Session> | undefined;
  /**
   * The `getPrivateToken` the request under way was started with, else the first that joined it: a token the
   * request finds spent is its to replace.
   */
  #pendingWith: GetPrivateToken | undefined;
  /** Whether the current private token opened a session (unset before): spent, it can never open another. */
  #tokenSpent?: boolean;
  /** An unspent private token of this video, which the next renewal takes before any `getPrivateToken` (see `offer`). */
  #spare: string | undefined;

  /** @internal A `SessionClient` creates them (`client.video(source)`), with the context it shares. */
  constructor(ref: VideoRef, context: SessionContext) {
    super();
    this.key = toSessionKey(ref);
    this.#context = context;
    context.link(this.key, this);
    const isPrivate = ref.privateToken !== undefined;
    this.#state = { status: isPrivate ? 'idle' : 'public', ref, session: undefined, error: undefined };
    if (isPrivate) this.#restore();
  }

  get ref(): VideoRef {
    return this.#state.ref;
  }

  getState(): SessionState {
    return this.#state;
  }

  /** The private tokens this video had before its renewals: URLs on their paths are still signed. */
  get previousTokens(): readonly string[] {
    return this.#previousTokens;
  }

  /** True when the session's known expiry is within `margin` ms (or past). */
  isExpiring(margin = 0): boolean {
    return this.msUntilExpiry() <= margin;
  }

  /** Whether a renewal can get a new private token (one offered, or a `getPrivateToken` here or on the client). */
  canRenew(getPrivateToken?: GetPrivateToken): boolean {
    return !!(this.#spare ?? getPrivateToken ?? this.#context.getPrivateToken);
  }

  /**
   * Keeps `privateToken`, a new private token of this video (on its delivery origin) that nothing has spent, for
   * the next renewal (or an open that finds its token spent), which then asks no `getPrivateToken`: the token of a
   * source that this session serves (the API's object fetched again: see `SessionClient.servingVideo`). The latest
   * one offered is kept.
   */
  offer(privateToken: string): void {
    if (
      isPrivateToken(privateToken) &&
      ![this.ref.privateToken, ...this.#previousTokens].includes(privateToken)
    )
      this.#spare = privateToken;
  }

  /**
   * Whether `open()` may still give a session: not once it failed for good for this private token (`token-used`,
   * `forbidden`…), unless that failure wants only a new one and `getPrivateToken` (else the client's) gets it.
   */
  canOpen(getPrivateToken = this.#context.getPrivateToken): boolean {
    const { error } = this.#state;
    // Errors that a later `open()` may get past (the others are final for this private token), and failures for
    // want of a new private token: it expired when none could renew it, or it is spent.
    return (
      !error ||
      /^(network|server|aborted)$/.test(error.code) ||
      (!!(this.#spare ?? getPrivateToken) && /^(token-used|session-expired)$/.test(error.code))
    );
  }

  /** Milliseconds until the known expiry (negative once expired); `Infinity` without a session. */
  msUntilExpiry(): number {
    return (this.#state.session?.expiresAt ?? Infinity) - this.#context.now();
  }

  /**
   * The session while it lives (at once, also while a renewal runs); else opens it (renewing it once
   * expired), or joins the request under way; `null` for public videos. A private token found spent (a page
   * opened in a new tab, whose `sessionStorage` is empty, by a link of the page whose thumbnail opened it; the
   * delivery's answer to an attempt of ours that never came) is renewed through `getPrivateToken` at once,
   * rather than failing as `token-used`; so is a session that expired when no `getPrivateToken` could renew it
   * (`session-expired`), once one can.
   */
  async open({
    signal,
    getPrivateToken = this.#context.getPrivateToken,
  }: OpenOptions = {}): Promise<Session | null> {
    const { status, error } = this.#state;
    if (status === 'public') return null;
    if (!signal?.aborted) {
      // Also while a renewal runs: the session works until then, and a failed renewal fails no one else.
      // Else another client on the same storage may have opened (or renewed) it since: no token to spend.
      const live = this.#liveSession() ?? this.#restore();
      if (live) return live;
      if (!this.#pending && !this.canOpen(getPrivateToken)) throw error;
    }
    // Only a renewal gets past a spent token (`canOpen` let this through for a `getPrivateToken`). A session in
    // the state (an expired one, here) is on a spent token too: `#adopt`, its only way in, marks it so.
    if (this.#tokenSpent || error?.code === 'token-used') return this.renew({ signal, getPrivateToken });
    return this.#run(() => this.#openOn(this.ref, getPrivateToken), signal, getPrivateToken, 'opening');
  }

  /**
   * Gets a fresh private token through `getPrivateToken` and opens a new session with it. A request under
   * way (an open or another renewal) is joined instead: it ends with a fresh session too. Without
   * `getPrivateToken` it fails with `session-expired`.
   */
  async renew({
    signal,
    getPrivateToken = this.#context.getPrivateToken,
  }: RenewOptions = {}): Promise<Session> {
    this.#assertPrivate('renewal');
    // Without a token to renew with there is no renewal to show: `#renewWith` fails at once (`session-expired`).
    // Not opened yet, its own token unspent, that is no failure of the session: `open()` still can.
    if (this.#state.status === 'idle' && !this.canRenew(getPrivateToken)) return this.#renewWith(undefined);
    return this.#run(
      () => this.#renewWith(getPrivateToken),
      signal,
      getPrivateToken,
      this.canRenew(getPrivateToken) && 'renewing',
    );
  }

  /**
   * Tells the subscribers the state again, as a new object: what a failure offers can change while the session
   * does not (`canOpen`, `canRenew`: the client's `getPrivateToken` given or taken away).
   */
  notify(): void {
    this.#setState({ ...this.#state });
  }

  /** Adopts a session opened elsewhere (e.g. on the server): no `/session` request is made. */
  setSession(session: {
    token: string;
    expiresAt?: number | undefined;
    acquiredAt?: number | undefined;
  }): void {
    this.#assertPrivate('setSession');
    const {
      token,
      acquiredAt = this.#context.now(),
      expiresAt = acquiredAt + this.#context.sessionTtl,
    } = session;
    // The same check as the delivery's answer and a refresh's reading: what is stored here must survive that
    // reading (a time given as a string would not: it is no number).
    if (!isSessionToken(token) || ![acquiredAt, expiresAt].every(Number.isFinite)) {
      throw invalidSource('setSession argument', '{ token: string, expiresAt?: number }');
    }
    this.#store(this.ref, { token, acquiredAt, expiresAt });
  }

  /** Signs a URL of this video with the current session (see `signUrl`); others come back unchanged. */
  sign(url: string): string {
    const { ref, session } = this.#state;
    return !session
      ? url
      : signUrl(url, { ref, sessionToken: session.token, previousTokens: this.#previousTokens });
  }

  /** The video's asset URLs, signed with the current session (all `undefined` until it opens). */
  assets(): SignedAssets {
    return toSignedAssets(this.#state);
  }

  /**
   * Opens a session on `ref`'s private token. One found spent is replaced by the token offered, then through
   * `getPrivateToken`, once: a fresh token is the way on, but a delivery that never answers in time (and so
   * spends a token with each attempt) must not spend token after token.
   */
  #openOn(ref: VideoRef, getPrivateToken: GetPrivateToken | undefined, spentOne?: boolean): Promise<Session> {
    return this.#request(ref).catch((failure: PrivateVideoError) => {
      // One that joined meanwhile (a player's, beside a thumbnail's open): renewed here, no one sees it fail first.
      getPrivateToken ??= this.#pendingWith;
      return failure.code === 'token-used' && (this.#spare ?? getPrivateToken) && !spentOne
        ? this.#renewWith(getPrivateToken, !this.#spare)
        : Promise.reject(failure);
    });
  }

  async #renewWith(getPrivateToken: GetPrivateToken | undefined, spentOne?: boolean): Promise<Session> {
    const { ref } = this;
    const spare = this.#spare;
    this.#spare = undefined;
    // Found spent (another tab of the app's took it), it is replaced through `getPrivateToken` as any spent token.
    if (spare)
      return this.#openOn(createVideoRef({ ...ref, privateToken: spare }), getPrivateToken, spentOne);
    if (!getPrivateToken) {
      throw new PrivateVideoError(
        'session-expired',
        `The session of ${ref.videoId} expired or was refused, and no getPrivateToken can renew it.`,
      );
    }
    let refusal: { code?: unknown } | undefined;
    let value: unknown;
    try {
      // Within the `/session` time limit: an answer that never comes would leave the player waiting for good.
      // (Browsers from before 2022 have no `AbortSignal.timeout`: they wait, as `/session` does there, with a
      // signal all the same, so that an app's `fetch(url, { signal })` type-checks under any setting.)
      const signal = AbortSignal.timeout?.(this.#context.timeout) ?? new AbortController().signal;
      const answer = (await abortable(Promise.resolve(getPrivateToken(ref, { signal })), signal)) as
        | {
            privateToken?: unknown;
            assets?: { hls?: unknown; mp4?: unknown; thumbnail?: unknown };
            error?: { code?: unknown };
          }
        | undefined;
      // Read in the `try`: an answer whose fields throw as they are read (a getter) is getPrivateToken's failure,
      // not the network's (as which the shared request would report it).
      // The JSON of `@private-video/server`'s token handler (`{ privateToken, assets, … }`) gives its token, read
      // from the API's asset URL where it has one (see `tokenFromUrl`): any asset URL that names the delivery
      // (the API may leave one out), never the bare token beside it. An asset URL of this video carrying the new
      // token is as good as the token itself.
      const assets = answer?.assets;
      value = assets?.hls ?? assets?.mp4 ?? assets?.thumbnail ?? answer?.privateToken ?? answer;
      // The handler's error JSON (`{ error: { code, message } }`, which `r.json()` passes on) says why there is none.
      refusal = answer?.error;
    } catch (cause) {
      throw new PrivateVideoError('renewal-failed', `getPrivateToken failed for ${ref.videoId}.`, { cause });
    }
    const url = typeof value === 'string' && /[/<]/.test(value);
    const token = url ? tokenFromUrl(value as string, ref) : value;
    const valid = isPrivateToken(token);
    // As the tokens stand now: another tab's renewal, adopted meanwhile, may have spent the very token given.
    if (!valid || [this.ref.privateToken, ...this.#previousTokens].includes(token)) {
      // Never the value itself: it may hold a session token, or a private token nobody has spent yet.
      const got = valid
        ? 'one already used'
        : refusal
          ? `the error ${toShown(refusal.code)}`
          : url
            ? 'a URL of another video or origin'
            : typeof value;
      // The app's own refusals are final, not renewals worth trying again: its token handler's 403, and its 404
      // or 400 (no such video in the workspace, deleted since; an id it cannot read).
      const refused = refusal?.code;
      throw new PrivateVideoError(
        refused === 'forbidden'
          ? 'forbidden'
          : refused === 'not-found' || refused === 'invalid-video-id'
            ? 'invalid-source'
            : 'renewal-failed',
        `getPrivateToken must return a new private token of ${ref.videoId}, got ${got}.`,
        { cause: refusal },
      );
    }
    return this.#openOn(createVideoRef({ ...ref, privateToken: token }), getPrivateToken, spentOne);
  }

  /** A public video has no session to renew or adopt. */
  #assertPrivate(what: string): void {
    if (this.#state.status === 'public')
      throw invalidSource(`${what} of ${this.ref.videoId}`, 'a private video');
  }

  /** The session, unless there is none or it expired. */
  #liveSession(): Session | undefined {
    return this.isExpiring() ? undefined : this.#state.session;
  }

  /** Adopts a stored session (on the token it was last renewed to) that a refresh or another client left. */
  #restore(): Session | undefined {
    const stored = this.#context.store.read(this.key);
    return (
      stored &&
      this.#adopt(createVideoRef({ ...this.ref, privateToken: stored.privateToken }), stored.session)
    );
  }

  async #request(ref: VideoRef): Promise<Session> {
    const acquiredAt = this.#context.now();
    const token = await requestSession(ref, this.#context);
    return this.#store(ref, { token, acquiredAt, expiresAt: acquiredAt + this.#context.sessionTtl });
  }

  /** Adopts a session newly opened on `ref`'s token, and stores it so a refresh finds it. */
  #store(ref: VideoRef, session: Session): Session {
    // Before any renewal both keys are the same: written twice, harmlessly.
    for (const key of [this.key, toSessionKey(ref)])
      this.#context.store.write(key, session, ref.privateToken!);
    return this.#adopt(ref, session);
  }

  /** Makes `session` (opened on `ref`'s token) current, and keeps the older tokens signable. */
  #adopt(ref: VideoRef, session: Session): Session {
    const previous = this.ref.privateToken!;
    if (ref.privateToken !== previous) this.#previousTokens.push(previous);
    // Offered again while a renewal spent it (another component given the same object), or by another client.
    if (this.#spare === ref.privateToken) this.#spare = undefined;
    this.#tokenSpent = true;
    this.#context.link(toSessionKey(ref), this);
    this.#setState({ status: 'open', ref, session, error: undefined });
    return session;
  }

  /**
   * Starts `work` unless a request is under way (then everyone joins that one), showing `status` meanwhile
   * (`false`: none, for a renewal that fails at once). Its outcome lands in the state; the shared promise never
   * rejects unobserved.
   */
  #run(
    work: () => Promise<Session>,
    signal: AbortSignal | null | undefined,
    getPrivateToken: GetPrivateToken | undefined,
    status: 'opening' | 'renewing' | false,
  ): Promise<Session> {
    // A request under way may have been started without this caller's `getPrivateToken` (a thumbnail's open or
    // renewal, beside a player given one): one started without any takes it for a token it finds from now on
    // (see `#openOn`); a token found spent before, or a renewal it cannot make, is then this caller's to get
    // past, as its own request would.
    const joined = this.#pending && getPrivateToken && getPrivateToken !== this.#pendingWith;
    if (joined) this.#pendingWith ??= getPrivateToken;
    if (!this.#pending && !signal?.aborted) {
      this.#pendingWith = getPrivateToken;
      const before = this.#state.session;
      const pending = work().then(
        (session) => {
          this.#pending = undefined;
          return session;
        },
        (error: unknown) => {
          this.#pending = undefined;
          const typed = toPrivateVideoError(error, 'network', 'Unexpected failure');
          const live = this.#liveSession();
          // A failed renewal leaves a session that has not expired in place: what uses it still plays.
          this.#setState(
            live
              ? { ...this.#state, status: 'open', error: undefined }
              : { ...this.#state, status: 'error', session: undefined, error: typed },
          );
          // Everyone who joined wants a session it did not have yet: one adopted meanwhile (`setSession`, the
          // server's) serves them all, an open or a renewal (an expired session's, too).
          if (live && live !== before) return live;
          throw typed;
        },
      );
      pending.catch(() => {});
      this.#pending = pending;
      // After `#pending` is set, so a listener that calls `open()` joins this request.
      if (status) this.#setState({ ...this.#state, status, error: undefined });
    }
    // An aborted caller starts nothing, and is turned away before `abortable` would look for a request.
    const waited = abortable(this.#pending!, signal, abortedError);
    return joined
      ? waited.catch((failure: PrivateVideoError) =>
          /^(token-used|session-expired)$/.test(failure.code)
            ? this.renew({ signal, getPrivateToken })
            : Promise.reject(failure),
        )
      : waited;
  }

  #setState(state: SessionState): void {
    this.#state = state;
    for (const listener of this.listeners) {
      // A listener that changed the state again has told everyone the newer one: this one is stale.
      if (this.#state !== state) return;
      try {
        listener(state);
      } catch (error) {
        // Reported (the page's `error` event, the console), as the DOM does; it stops neither the other
        // listeners nor the request, whose callers would otherwise get the app's bug as their failure.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}

/**
 * The private token of an asset URL of this video, on its delivery origin; `undefined` for any other URL or
 * text. A source names its own origin (any URL does), and a source may come from anyone: a link, a watch
 * page's query. A renewal sends the fresh private token the app's backend minted for its user there, so a
 * source on another origin (`https://vod.api.video.evil.example/vod/{id}/token/…`) would get it: where the
 * backend's answer says where the video is delivered (the API's asset URLs), the token goes nowhere else.
 */
function tokenFromUrl(value: string, ref: VideoRef): string | undefined {
  const parsed = readVideoUrl(value, ref.domains);
  return parsed && toAssetBase(parsed) === toAssetBase({ ...ref, privateToken: parsed.privateToken })
    ? parsed.privateToken
    : undefined;
}
