import type { PrivateVideoError } from '../errors/PrivateVideoError.js';

/**
 * How a failed video can be tried again: `reload` (start over: the failure may not happen twice),
 * `renew` (this private token is spent or its session is dead: get a new one through `getPrivateToken`
 * first), or `undefined` (trying again cannot help).
 */
export type RetryPlan = 'reload' | 'renew' | undefined;

// Patterns rather than a switch: smaller, and `toRetryPlan.test.ts` checks every code against its plan.
/** How `error` can be tried again (see `RetryPlan`); `canRenew`: whether a `getPrivateToken` can renew. */
export function toRetryPlan({ code }: PrivateVideoError, canRenew: boolean): RetryPlan {
  // A session request answered with something else than a session may have spent the token all the same: a
  // session keeps that failure (see `VideoSession.canOpen`), so only a new token gets past it.
  return /^(network|server|aborted|media)$/.test(code)
    ? 'reload'
    : canRenew && /^(token-used|session-expired|renewal-failed|malformed-response)$/.test(code)
      ? 'renew'
      : undefined;
}
