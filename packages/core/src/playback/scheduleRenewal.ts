import type { VideoSession } from '../session/VideoSession.js';
import { listen } from './listen.js';
import type { PrivatePlaybackOptions } from './types.js';

const defaultMargin = 60_000;

export interface RenewalSchedule
  extends Pick<PrivatePlaybackOptions, 'renewMargin' | 'setTimeout' | 'clearTimeout'> {
  /** Asked when due: the client may have been given its `getPrivateToken` (or lost it) since. */
  canRenew: () => boolean;
  renew: () => void;
}

/**
 * Renews ahead of the session's known expiry while `video` plays, so playback never meets a dead session.
 * Returns the cancel of its timer, or of its wait for `play`; there is nothing to schedule without a session.
 */
export function scheduleRenewal(
  session: VideoSession,
  video: HTMLVideoElement,
  schedule: RenewalSchedule,
): () => void {
  const current = session.getState().session;
  if (current === undefined) return () => {};
  // Never before halfway through the session: with a margin as long as its life (a short `sessionTtl`),
  // each new session would be renewed at once, over and over, a private token each time.
  const lifetime = current.expiresAt - current.acquiredAt;
  // A margin that is no number of ms from 0 up (`NaN` from an unset environment variable) is the default:
  // `NaN` would make the wait `NaN`, which timers run at once, and renew in a loop.
  const { renewMargin = Number.NaN, renew } = schedule;
  const margin = Math.min(renewMargin >= 0 ? renewMargin : defaultMargin, lifetime / 2);
  const delay = Math.max(0, Math.min(session.msUntilExpiry() - margin, 2 ** 31 - 1));
  let stopWaiting: (() => void) | undefined;
  const timer = (schedule.setTimeout ?? setTimeout)(() => {
    if (!schedule.canRenew()) return;
    // A paused video renews when it plays again, unless the session was renewed meanwhile (which
    // schedules anew and cancels this wait): a renewal spends a private token.
    if (video.paused) stopWaiting = listen(video, 'play', renew, true);
    else renew();
  }, delay);
  return () =>
    stopWaiting
      ? stopWaiting()
      : (schedule.clearTimeout ?? clearTimeout)(timer as ReturnType<typeof setTimeout>);
}
