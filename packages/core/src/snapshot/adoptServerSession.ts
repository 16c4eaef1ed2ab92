import type { VideoSession } from '../session/VideoSession.js';
import type { ServerSession } from './toServerSnapshot.js';

/** The last server session offered for each video session. */
const offered = new WeakMap<VideoSession, string>();

/**
 * Adopts a session opened on the server (see `VideoSession.setSession`) unless the video's session has its
 * own by now (open, opening or renewing), and each server session once: a page that renders it again must
 * not undo a renewal made since.
 */
export function adoptServerSession(videoSession: VideoSession, serverSession: ServerSession): void {
  if (offered.get(videoSession) === serverSession.token) return;
  const { status } = videoSession.getState();
  if (status === 'idle' || status === 'error') videoSession.setSession(serverSession);
  // Only once `setSession` took it: one it refused is refused every time, rather than once and then passed
  // over, when the page would spend the private token that the server spent.
  offered.set(videoSession, serverSession.token);
}
