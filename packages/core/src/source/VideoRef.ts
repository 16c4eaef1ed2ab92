/** Where a video's assets are delivered from: origins such as `https://vod.api.video`. */
export interface DeliveryDomains {
  /** Origin of on-demand assets (`/vod/{videoId}/…`). */
  vod: string;
  /** Origin of live streams (`/private/{privateToken}/{liveStreamId}.m3u8`). */
  live: string;
}

declare const validated: unique symbol;

/**
 * What identifies one api.video video (or live stream) and how to reach it. Only `createVideoRef` and
 * `toVideoRef` make one: they check its id, token and domains, which the URL builders then trust.
 */
export interface VideoRef {
  /** Type-only: an object typed by hand, unchecked, is a `VideoRefInit`, not a reference. */
  readonly [validated]: true;
  /** The video id (`vi…`), or the live stream id (`li…`) when `live` is true. */
  readonly videoId: string;
  /** The one-time private token; absent for public videos. */
  readonly privateToken?: string | undefined;
  readonly live: boolean;
  readonly domains: Readonly<DeliveryDomains>;
}

/** A reference as people write it: only `videoId` is required. */
export interface VideoRefInit {
  videoId: string;
  privateToken?: string | undefined;
  live?: boolean | undefined;
  /** Custom delivery domains: hostnames (`cdn.example.com`) or origins (`http://127.0.0.1:4010`). */
  domains?: Partial<DeliveryDomains> | undefined;
}

/** The `assets` of an API video or live-stream object: URLs (and iframe HTML) carrying the private token. */
export interface ApiVideoAssets {
  iframe?: string | undefined;
  player?: string | undefined;
  hls?: string | undefined;
  thumbnail?: string | undefined;
  mp4?: string | undefined;
}

/** The parts of the API's video object (`GET /videos/{videoId}`) that locate its assets. */
export interface ApiVideoObject {
  videoId: string;
  /** A live stream named by `videoId`, as `@private-video/server`'s sources name one (the API says `liveStreamId`). */
  live?: boolean | undefined;
  public?: boolean | undefined;
  assets?: ApiVideoAssets | undefined;
}

/** The parts of the API's live stream object (`GET /live-streams/{liveStreamId}`). */
export interface ApiLiveStreamObject {
  liveStreamId: string;
  public?: boolean | undefined;
  assets?: ApiVideoAssets | undefined;
}

/**
 * Anything that names a video: a reference, any api.video asset / embed / live URL, the `assets.iframe`
 * HTML, or the API's video or live stream object.
 */
export type VideoSource = string | VideoRefInit | VideoRef | ApiVideoObject | ApiLiveStreamObject;

/** api.video's delivery origins: `https://vod.api.video` and `https://live.api.video`. */
export const DEFAULT_DOMAINS: Readonly<DeliveryDomains> = Object.freeze({
  vod: 'https://vod.api.video',
  live: 'https://live.api.video',
});
