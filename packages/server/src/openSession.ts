import {
  type AssetUrls,
  type DeliveryDomains,
  type RetryOptions,
  SessionClient,
  type VideoSource,
} from '@private-video/core';
import type { PrivateTokenResponse } from './createPrivateTokenHandler.js';
import type { PrivateVideoSource } from './toPrivateVideoSource.js';

/** What `openSession` reads: a server-side source, the handler's JSON, or anything core reads. */
export type OpenSessionSource = PrivateVideoSource | PrivateTokenResponse | VideoSource;

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
  signal?: AbortSignal | undefined;
}

/** A session opened on the server: render its signed URLs, and hand `session` to the React components. */
export interface ServerSession {
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
): Promise<ServerSession> {
  // A client per call: a server handles many users, and sessions must not pile up in its memory.
  const client = new SessionClient({
    storage: null,
    fetch: options.fetch,
    now: options.now,
    sessionTtl: options.sessionTtl,
    retry: options.retry,
    sleep: options.sleep,
    domains: options.domains,
  });
  const video = client.video(toCoreSource(source));
  const session = await video.open({ signal: options.signal });
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

/** A server-side source is read like the API object it came from, so its asset origin is kept. */
function toCoreSource(source: OpenSessionSource): VideoSource {
  if (!isServerSource(source)) return source;
  const { videoId, assets } = source;
  if (Object.values(assets).every((url) => url === undefined)) {
    return { videoId, privateToken: source.privateToken ?? undefined, live: source.live };
  }
  return source.live
    ? { liveStreamId: videoId, public: source.public, assets }
    : { videoId, public: source.public, assets };
}
