import {
  type AssetUrls,
  type DeliveryDomains,
  type RetryOptions,
  type Session,
  SessionClient,
  toDuration,
  type VideoSession,
  type VideoSource,
} from '@private-video/core';
import type { PrivateTokenResponse } from './createPrivateTokenHandler.js';
import { linkSignal } from './linkSignal.js';
import { toKnownDelivery } from './toKnownDelivery.js';
import type { PrivateVideoSource } from './toPrivateVideoSource.js';
import { validRetryFields } from './validRetryFields.js';
import { wait } from './wait.js';

/** What `openSession` reads: a server-side source, the handler's JSON, or anything core reads. */
export type OpenSessionSource = PrivateVideoSource | PrivateTokenResponse | VideoSource;

/** Options of `openSession`; every one has a default. */
export interface OpenSessionOptions {
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch | undefined;
  /** The clock, in ms since the epoch (for `expiresAt`). */
  now?: (() => number) | undefined;
  /** How long the session lives, in ms (the delivery's TTL is 24 h). */
  sessionTtl?: number | undefined;
  retry?: Partial<RetryOptions> | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
  /** Delivery domains for sources that do not name their own (ids with a token, embed URLs). */
  domains?: Partial<DeliveryDomains> | undefined;
  /** Stops the call: its request, retries and waits. */
  signal?: AbortSignal | null | undefined;
  /**
   * Per-attempt timeout of the `/session` request in ms (default 10 000), read as the API client's
   * `timeout` is: not a positive number means the default; over 2^31 - 1 (`Infinity`), 2^31 - 1.
   */
  timeout?: number | undefined;
}

/**
 * A video whose session was opened on the server: render its signed URLs, and hand `session` to the React
 * components' `session` prop (core's `ServerSession`; `null` there means none).
 */
export interface OpenedSession {
  videoId: string;
  /** The private token the session was opened with (now spent: do not open another session with it). */
  privateToken: string | undefined;
  live: boolean;
  /** `null` for public videos, which need no session. */
  session: { token: string; expiresAt: number } | null;
  /** Asset URLs signed with the session (`?avh=…`); live streams have no `mp4`. */
  assets: AssetUrls;
}

/**
 * Opens the delivery session of a video on the server (`GET …/token/{privateToken}/session`), the flow
 * of api.video's custom-player guide, and returns asset URLs signed with it. Pass a source from
 * `client.getPrivateVideoSource(id)`, the private-token handler's JSON, an API video object, or anything
 * core's `toVideoRef` reads.
 * @throws PrivateVideoError from core, e.g. `token-used` when the private token was already spent.
 */
export async function openSession(
  source: OpenSessionSource,
  options: OpenSessionOptions = {},
): Promise<OpenedSession> {
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeout = toDuration(options.timeout, 10_000);
  // Core only stops waiting when the signal aborts; on a server, the request itself must stop too, and
  // never hang a page render: each attempt gets the call's signal and a timeout. Linked, not the
  // caller's own signal, for the reason given in linkSignal.
  const { signal, unlink } = linkSignal(options.signal);
  const attemptSignal = () =>
    signal === undefined
      ? AbortSignal.timeout(timeout)
      : AbortSignal.any([signal, AbortSignal.timeout(timeout)]);
  // Everything after the link is inside the `try`: an invalid source throws too, and must unlink as well.
  try {
    // A client per call: a server handles many users, and sessions must not pile up in its memory.
    const client = new SessionClient({
      storage: null,
      // Core retries an attempt the abort failed, after the call has rejected: that one must not go out.
      fetch: async (input, init) => {
        signal?.throwIfAborted();
        return fetchImpl(input, { ...init, signal: attemptSignal() });
      },
      now: options.now,
      sessionTtl: options.sessionTtl,
      // Core reads a `retries` that is not a number from 0 up as its default, not yet its delays.
      retry: validRetryFields(options.retry),
      sleep: options.sleep ?? ((ms) => wait(ms, signal)),
      domains: options.domains,
      // Core times each attempt out too (default 10 s): without ours, a longer timeout would not count.
      timeout,
    });
    const ref = client.toVideoRef(toCoreSource(source));
    const video = client.video(typeof source === 'string' ? toKnownDelivery(ref, client) : ref);
    return toOpenedSession(video, await video.open({ signal }));
  } finally {
    unlink();
  }
}

/** What `openSession` returns, from a video whose session is open (or that is public: `null`). */
function toOpenedSession(video: VideoSession, session: Session | null): OpenedSession {
  const { ref } = video.getState();
  const assets = video.assets(); // all signed: the session is open (or the video is public)
  return {
    videoId: ref.videoId,
    privateToken: ref.privateToken,
    live: ref.live,
    session: session === null ? null : { token: session.token, expiresAt: session.expiresAt },
    assets: { thumbnail: assets.thumbnail!, hls: assets.hls!, mp4: assets.mp4 },
  };
}

function isServerSource(source: OpenSessionSource): source is PrivateVideoSource | PrivateTokenResponse {
  return (
    typeof source === 'object' &&
    source !== null &&
    'assets' in source &&
    'live' in source &&
    'public' in source
  );
}

/**
 * A server-side source is read like the API object it came from (core reads its `live`), so its asset
 * origin is kept; one without asset URLs names its video by id and token.
 */
function toCoreSource(source: OpenSessionSource): VideoSource {
  if (!isServerSource(source)) return source;
  const { videoId, assets, live } = source;
  return Object.values(assets).every((url) => url === undefined)
    ? { videoId, privateToken: source.privateToken ?? undefined, live }
    : { videoId, live, public: source.public, assets };
}
