import type { PrivateVideoError } from '../errors/PrivateVideoError.js';
import { report } from '../playback/Emitter.js';
import type { GetPrivateToken } from '../session/SessionContext.js';
import type { VideoSession } from '../session/VideoSession.js';
import { toRetryPlan } from './toRetryPlan.js';

/**
 * What a player's "Try again" does after `error`, as `toRetryPlan` plans it: `restart` at once, or once the
 * session is renewed (whether that worked or not: a restart on a dead session fails and shows why); `undefined`
 * when trying again cannot help. A spent token is worth a retry when `getPrivateToken` (the one given now) or
 * the client's can renew it; the renewal reads `latestGetPrivateToken()` when it starts, as a retry kept by
 * the app may run renders later. It renews nothing when the session lives by then (another player of the video,
 * or this retry run before, renewed it): a private token is single-use. Renewals under way are joined.
 * What `restart` throws after a renewal is reported, as a listener's exception is.
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
      if (plan === 'reload' || (session.getState().status === 'open' && !session.isExpiring())) restart();
      else
        session
          .renew({ getPrivateToken: latestGetPrivateToken() })
          .then(
            () => restart(),
            () => restart(),
          )
          .catch(report);
    })
  );
}
