import { expirationTime } from './tokenPolicy.js';
import type { TokenRecord } from './tokenStore.js';

/**
 * The rule every later use of `token` is refused with, or null while some use may still succeed: past
 * its `expirationDate`, unused past its `timeToLive`, or a one-shot token that is spent. Time only moves
 * forward, so a token this names stays refused, and only `expirationDate` can still turn `token-used`
 * into `token-expired` (checked first by the rules).
 */
export function finalRefusal(token: TokenRecord, now: number): 'token-expired' | 'token-used' | null {
  const { policy } = token;
  const hardEnd = expirationTime(policy);
  if (hardEnd !== null && now >= hardEnd) return 'token-expired';
  const { timeToLive } = policy;
  if (token.firstUsedAt === null && timeToLive !== null && now >= token.mintedAt + timeToLive * 1000) {
    return 'token-expired';
  }
  if (!policy.expiresAfterFirstUsage) return null;
  // Spent by an unsigned use, or by its last session (a token that opened none is not spent by a limit of 0).
  if (token.usedUnsigned) return 'token-used';
  const outOfSessions = policy.sessionLimit !== null && token.sessionsOpened >= policy.sessionLimit;
  return outOfSessions && token.firstUsedAt !== null ? 'token-used' : null;
}
