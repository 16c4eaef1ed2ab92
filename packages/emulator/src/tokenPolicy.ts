import type { TokenPolicy } from './control/types.js';
import { isRecord, validateKeys } from './validateKeys.js';

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

/** Every policy field; a `Record` so the compiler flags a field added to `TokenPolicy` but not here. */
const POLICY_KEYS = Object.keys({
  expiresAfterFirstUsage: true,
  timeToLive: true,
  sessionLimit: true,
  sessionTtl: true,
  expirationDate: true,
} satisfies Record<keyof TokenPolicy, true>);

/**
 * Checks a policy (received over HTTP, given to `mintToken` or to the options); returns an error message
 * or null. `where` names it in the message.
 */
export function validateTokenPolicy(input: unknown, where = 'policy'): string | null {
  if (input === undefined) return null;
  if (!isRecord(input)) return `${where} must be an object`;
  const p = input;
  // A misspelt field would otherwise be dropped: `sessionlimit: 3` would mint a one-session token.
  const unknown = validateKeys(p, POLICY_KEYS, where);
  if (unknown) return unknown;
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
