import type { VideoRef } from './VideoRef.js';

/**
 * Pure URL builders, one per asset. They never add `avh`: sign the result with the video's session.
 * Private on-demand assets live under `/vod/{videoId}/token/{privateToken}/`, public ones under
 * `/vod/{videoId}/`; private live streams under `/private/{privateToken}/{liveStreamId}`.
 */
export function toAssetBase(ref: VideoRef): string {
  const id = encodeURIComponent(ref.videoId);
  const token = ref.privateToken && encodeURIComponent(ref.privateToken);
  if (ref.live) return `${ref.domains.live}${token ? `/private/${token}` : ''}/${id}`;
  return `${ref.domains.vod}/vod/${id}${token ? `/token/${token}` : ''}`;
}

/** `GET` it once to open the session; `undefined` for public videos, which need none. */
export function toSessionUrl(ref: VideoRef): string | undefined {
  return ref.privateToken === undefined ? undefined : `${toAssetBase(ref)}/session`;
}

/** The thumbnail (`thumbnail.jpg`). */
export function toThumbnailUrl(ref: VideoRef): string {
  return `${toAssetBase(ref)}/thumbnail.jpg`;
}

/** The progressive mp4; live streams have none. */
export function toMp4Url(ref: VideoRef): string | undefined {
  return ref.live ? undefined : `${toAssetBase(ref)}/mp4/source.mp4`;
}

/** The HLS manifest (a live stream's playlist). */
export function toHlsUrl(ref: VideoRef): string {
  return ref.live ? `${toAssetBase(ref)}.m3u8` : `${toAssetBase(ref)}/hls/manifest.m3u8`;
}

/** A video's asset URLs, unsigned; `mp4` is `undefined` for a live stream. */
export interface AssetUrls {
  thumbnail: string;
  hls: string;
  mp4: string | undefined;
}

/** Every asset URL of a video at once, unsigned: sign them with its session. */
export function toAssetUrls(ref: VideoRef): AssetUrls {
  return { thumbnail: toThumbnailUrl(ref), hls: toHlsUrl(ref), mp4: toMp4Url(ref) };
}
