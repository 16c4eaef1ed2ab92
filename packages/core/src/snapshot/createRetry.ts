import type { PrivateVideoError } from '../errors/PrivateVideoError.js';
import type { GetPrivateToken } from '../session/SessionContext.js';
import type { VideoSession } from '../session/VideoSession.js';
import { toRetryPlan } from './toRetryPlan.js';

/**
 * What a player's "Try again" does after `error`, as `toRetryPlan` plans it: `restart` at once, after starting
 * the session's renewal where the plan needs one; `undefined` when trying again cannot help. The restarted
 * player's open joins that renewal (a session makes one request at a time), so it shows `opening-session` while
 * a slow `getPrivateToken` runs, and fails with the renewal's error if it fails. A spent token is worth a retry
 * when `getPrivateToken` (the one given now) or the client's can renew it; the renewal reads
 * `latestGetPrivateToken()` when it starts, as a retry kept by the app may run renders later. It renews nothing
 * when the session lives by then (another player of the video, or this retry run before, renewed it): a private
 * token is single-use. Renewals under way are joined. What `restart` throws is the caller's.
 */
export function createRetry(
  error: PrivateVideoError,
  session: VideoSession,
  getPrivateToken: GetPrivateToken | undefined,
  latestGetPrivateToken: () => GetPrivateToken | undefined,
  restart: () => void,
): (() => void) | undefined {
  const plan = toRetryPlan(error, session.canRenew(getPrivateToken));
  return (
    plan &&
    (() => {
      if (plan === 'renew' && !(session.getState().status === 'open' && !session.isExpiring())) {
        // Its failure is the restarted player's to report (its open gets it): not a rejection left unhandled.
        session.renew({ getPrivateToken: latestGetPrivateToken() }).catch(() => {});
      }
      restart();
    })
  );
}
