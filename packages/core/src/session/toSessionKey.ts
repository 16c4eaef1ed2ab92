import type { VideoRef } from '../source/VideoRef.js';

/** One session per (delivery origin, video, private token): the key everything is shared by. */
export function toSessionKey(ref: VideoRef): string {
  const origin = ref.live ? ref.domains.live : ref.domains.vod;
  return `${origin}|${ref.live ? 'live' : 'vod'}|${ref.videoId}|${ref.privateToken ?? ''}`;
}
