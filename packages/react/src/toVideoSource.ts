import {
  type ApiLiveStreamObject,
  type ApiVideoObject,
  type DeliveryDomains,
  PrivateVideoError,
  toVideoRef,
  type VideoRefInit,
  type VideoSource,
} from '@private-video/core';

/** The ways a component names its video; exactly one of `video`, `src` or `videoId` is expected. */
export interface PrivateVideoSourceProps {
  /** The video (or live stream, with `live`) id. */
  videoId?: string | undefined;
  /** The one-time private token; omit it for a public video. */
  privateToken?: string | undefined;
  /** `videoId` is a live stream id (`li…`). */
  live?: boolean | undefined;
  /** Any api.video asset, embed or live URL (or the `assets.iframe` HTML). */
  src?: string | undefined;
  /** The API's video or live stream object, as `GET /videos/{videoId}` returned it. */
  video?: ApiVideoObject | ApiLiveStreamObject | undefined;
  /** Custom delivery domains for this video (the provider's `domains` apply otherwise). */
  domains?: Partial<DeliveryDomains> | undefined;
}

/** The props that name the video, split from the rest by the components. */
export const sourceKeys = ['videoId', 'privateToken', 'live', 'src', 'video', 'domains'] as const;

/** Turns component props into one core `VideoSource`; throws `invalid-source` when none is given. */
export function toVideoSource(props: PrivateVideoSourceProps): VideoSource {
  const { videoId, src, video, domains } = props;
  const given = video ?? src;
  // A reference carries its own domains; URLs and API objects are read with the prop's domains here,
  // because the client would read them with the provider's.
  if (given !== undefined) return domains === undefined ? given : toVideoRef(given, domains);
  // Core reads the reference's fields only (`videoId`, `privateToken`, `live`, `domains`).
  if (videoId !== undefined) return props as VideoRefInit;
  throw new PrivateVideoError('invalid-source', 'Pass `videoId` (+ `privateToken`), `src` or `video`.');
}

/** A string that changes only when the video named by the props changes (objects are often inline). */
export const toSourceKey: (source: VideoSource | PrivateVideoSourceProps) => string = JSON.stringify;
