import type { VideoRef } from '../source/VideoRef.js';

/** One session per (delivery origin, video, private token): the key everything is shared by. */
export function toSessionKey(ref: VideoRef): string {
  const kind = ref.live ? 'live' : 'vod';
  return `${ref.domains[kind]}|${kind}|${ref.videoId}|${ref.privateToken ?? ''}`;
}
