import {
  type ApiLiveStreamObject,
  type ApiVideoAssets,
  type ApiVideoObject,
  isPrivateVideoError,
  toVideoRef,
  type VideoRef,
} from '@private-video/core';
import { ApiVideoError } from './ApiVideoError.js';

/** What the browser needs to play one video (or live stream): safe to send, it holds no credentials. */
export interface PrivateVideoSource {
  /** The video id (`vi…`), or the live stream id (`li…`) when `live` is true. */
  videoId: string;
  /** A fresh one-time private token; `undefined` for public videos. */
  privateToken: string | undefined;
  public: boolean;
  live: boolean;
  /** The asset URLs exactly as the API returned them (they carry `privateToken`, unsigned). */
  assets: ApiVideoAssets;
  /** The video's `title` (a live stream's `name`), e.g. for a thumbnail's `alt`; `undefined` if it has none. */
  title: string | undefined;
}

const assetKeys = ['thumbnail', 'hls', 'mp4', 'player', 'iframe'] as const;

/**
 * Reads a video or live stream object of the API. The private token comes from the asset URLs through
 * core's `toVideoRef`, the same parser the browser uses, so both sides agree on what a token is.
 * @throws ApiVideoError `malformed-response` when the object does not locate its assets.
 */
export function toPrivateVideoSource(object: ApiVideoObject | ApiLiveStreamObject): PrivateVideoSource {
  const live = 'liveStreamId' in object;
  const id = live ? object.liveStreamId : object.videoId;
  let ref: VideoRef;
  try {
    ref = toVideoRef(object);
  } catch (cause) {
    const reason = isPrivateVideoError(cause) ? cause.message : String(cause);
    throw new ApiVideoError(
      'malformed-response',
      `Cannot read the ${live ? 'live stream' : 'video'} object: ${reason}`,
      {
        status: 200,
        cause,
      },
    );
  }
  const isPublic = typeof object.public === 'boolean' ? object.public : ref.privateToken === undefined;
  if (!isPublic && ref.privateToken === undefined) {
    throw new ApiVideoError(
      'malformed-response',
      `The ${live ? 'live stream' : 'video'} ${JSON.stringify(id)} is private but the API returned no asset ` +
        'URL carrying its private token.',
      { status: 200 },
    );
  }
  const assets: ApiVideoAssets = {};
  for (const key of assetKeys) {
    const url = object.assets?.[key];
    if (typeof url === 'string') assets[key] = url;
  }
  const { title, name } = object as { title?: unknown; name?: unknown };
  const label = live ? name : title;
  return {
    videoId: ref.videoId,
    privateToken: ref.privateToken,
    public: isPublic,
    live: ref.live,
    assets,
    title: typeof label === 'string' ? label : undefined,
  };
}
