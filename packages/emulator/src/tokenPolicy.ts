import type { TokenPolicy } from './control/types.js';

/** api.video's documented session lifetime: 24 hours. */
export const DEFAULT_SESSION_TTL = 86_400;

/** Fills a partial policy with the defaults, which mirror api.video: one-shot token, one 24 h session. */
export function resolveTokenPolicy(...layers: (Partial<TokenPolicy> | undefined)[]): TokenPolicy {
  const policy: TokenPolicy = {
    expiresAfterFirstUsage: true,
    timeToLive: null,
    sessionLimit: 1,
    sessionTtl: DEFAULT_SESSION_TTL,
    expirationDate: null,
  };
  for (const layer of layers) {
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer)) {
      // `undefined` means "not set here", so lower layers keep their value.
      if (value !== undefined) Object.assign(policy, { [key]: value });
    }
  }
  // JSON cannot carry Infinity: accept it from code but store "unlimited" as null.
  if (policy.sessionLimit === Number.POSITIVE_INFINITY) policy.sessionLimit = null;
  if (policy.timeToLive === Number.POSITIVE_INFINITY) policy.timeToLive = null;
  return policy;
}

/** Epoch ms of `expirationDate`, or null when unset or unparsable. */
export function expirationTime(policy: TokenPolicy): number | null {
  if (policy.expirationDate === null) return null;
  const time =
    typeof policy.expirationDate === 'number' ? policy.expirationDate : Date.parse(policy.expirationDate);
  return Number.isFinite(time) ? time : null;
}

/** Checks a policy received over HTTP; returns an error message or null. */
export function validateTokenPolicy(input: unknown): string | null {
  if (input === undefined) return null;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'policy must be an object';
  const p = input as Record<string, unknown>;
  const nullableNumber = (v: unknown) => v === undefined || v === null || (typeof v === 'number' && v >= 0);
  if (p.expiresAfterFirstUsage !== undefined && typeof p.expiresAfterFirstUsage !== 'boolean') {
    return 'expiresAfterFirstUsage must be a boolean';
  }
  if (!nullableNumber(p.timeToLive)) return 'timeToLive must be a number of seconds or null';
  if (!nullableNumber(p.sessionLimit)) return 'sessionLimit must be a number or null';
  if (p.sessionTtl !== undefined && !(typeof p.sessionTtl === 'number' && p.sessionTtl >= 0)) {
    return 'sessionTtl must be a number of seconds';
  }
  const date = p.expirationDate;
  if (date !== undefined && date !== null && typeof date !== 'number' && typeof date !== 'string') {
    return 'expirationDate must be an ISO string, epoch ms or null';
  }
  if (typeof date === 'string' && !Number.isFinite(Date.parse(date))) return 'expirationDate is not a date';
  return null;
}
