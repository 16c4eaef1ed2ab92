import type { PrivateVideoError } from '../errors/PrivateVideoError.js';

/**
 * How a failed video can be tried again: `reload` (start over: the failure may not happen twice),
 * `renew` (this private token is spent or its session is dead: get a new one through `getPrivateToken`
 * first), or `undefined` (trying again cannot help).
 */
export type RetryPlan = 'reload' | 'renew' | undefined;

export function toRetryPlan(error: PrivateVideoError, canRenew: boolean): RetryPlan {
  switch (error.code) {
    case 'network':
    case 'server':
    case 'malformed-response':
    case 'aborted':
    case 'media':
      return 'reload';
    case 'token-used':
    case 'session-expired':
    case 'renewal-failed':
      return canRenew ? 'renew' : undefined;
    default:
      return undefined;
  }
}
