import type { VideoRef } from '../source/VideoRef.js';
import { toSessionKey } from './toSessionKey.js';
import type { VideoSession } from './VideoSession.js';

/**
 * Whether `videoSession` can go on serving `ref`, a private reference of the same video on the same delivery
 * origin with another private token: while its session lives, opens or renews. The API's video object fetched
 * again (a list refreshed, a window focused) carries a new private token; its own session would cost a `/session`
 * request and start over what shows the video, for a session that signs the same assets. (An open that then
 * finds its token spent takes the new one: see `VideoSession.offer`.)
 */
export function servesSameVideo(videoSession: VideoSession, ref: VideoRef): boolean {
  const { ref: own, session, status } = videoSession.getState();
  // The id first: `servingVideo` asks every session of the page, and most are of other videos.
  return (
    own.videoId === ref.videoId &&
    (/^(opening|renewing)$/.test(status) || (!!session && !videoSession.isExpiring())) &&
    !!ref.privateToken &&
    toSessionKey({ ...ref, privateToken: own.privateToken }) === toSessionKey(own)
  );
}
