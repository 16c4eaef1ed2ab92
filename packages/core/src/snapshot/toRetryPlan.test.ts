import { describe, expect, it } from 'vitest';
import { PrivateVideoError, type PrivateVideoErrorCode } from '../errors/PrivateVideoError.js';
import { type RetryPlan, toRetryPlan } from './toRetryPlan.js';

/** A `Record`, so a code added to `PrivateVideoErrorCode` fails to compile until its plan is decided here. */
const plans: Record<PrivateVideoErrorCode, { canRenew: RetryPlan; cannot: RetryPlan }> = {
  network: { canRenew: 'reload', cannot: 'reload' },
  server: { canRenew: 'reload', cannot: 'reload' },
  aborted: { canRenew: 'reload', cannot: 'reload' },
  media: { canRenew: 'reload', cannot: 'reload' },
  'token-used': { canRenew: 'renew', cannot: undefined },
  'session-expired': { canRenew: 'renew', cannot: undefined },
  'renewal-failed': { canRenew: 'renew', cannot: undefined },
  'malformed-response': { canRenew: 'renew', cannot: undefined },
  'invalid-source': { canRenew: undefined, cannot: undefined },
  forbidden: { canRenew: undefined, cannot: undefined },
  unsupported: { canRenew: undefined, cannot: undefined },
};

describe('toRetryPlan', () => {
  it.each(Object.entries(plans))('%s: %j', (code, plan) => {
    const error = new PrivateVideoError(code as PrivateVideoErrorCode, 'failed');
    expect({ canRenew: toRetryPlan(error, true), cannot: toRetryPlan(error, false) }).toEqual(plan);
  });

  it('matches whole codes only', () => {
    const error = new PrivateVideoError('network-ish' as PrivateVideoErrorCode, 'failed');
    expect(toRetryPlan(error, true)).toBeUndefined();
  });
});
