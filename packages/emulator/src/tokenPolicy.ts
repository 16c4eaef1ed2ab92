import type { TokenPolicy } from './control/types.js';
import { isRecord, validateKeys } from './validateKeys.js';

/** api.video's documented session lifetime, in seconds (24 hours). */
export const DEFAULT_SESSION_TTL_SECONDS = 86_400;

/**
 * The default session lifetime, in seconds.
 * @deprecated Use `DEFAULT_SESSION_TTL_SECONDS`: `@private-video/core`'s `DEFAULT_SESSION_TTL` is in milliseconds.
 */
export const DEFAULT_SESSION_TTL = DEFAULT_SESSION_TTL_SECONDS;

/** Fills a partial policy with the defaults, which mirror api.video: one-shot token, one 24 h session. */
export function resolveTokenPolicy(...layers: (Partial<TokenPolicy> | undefined)[]): TokenPolicy {
  const policy: TokenPolicy = {
    expiresAfterFirstUsage: true,
    timeToLive: null,
    sessionLimit: 1,
    sessionTtl: DEFAULT_SESSION_TTL_SECONDS,
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
 * or null. `where` names it in the message, before the field: `videoPolicies.viGrid01.sessionLimit must be…`.
 */
export function validateTokenPolicy(input: unknown, where = 'policy'): string | null {
  if (input === undefined) return null;
  if (!isRecord(input)) return `${where} must be an object`;
  const p = input;
  // A misspelt field would otherwise be dropped: `sessionlimit: 3` would mint a one-session token.
  const unknown = validateKeys(p, POLICY_KEYS, where);
  if (unknown) return unknown;
  const seconds = (v: unknown) => typeof v === 'number' && v >= 0; // NaN too is refused
  const orNull = (ok: (v: unknown) => boolean) => (v: unknown) => v === undefined || v === null || ok(v);
  if (p.expiresAfterFirstUsage !== undefined && typeof p.expiresAfterFirstUsage !== 'boolean') {
    return `${where}.expiresAfterFirstUsage must be true or false`;
  }
  if (!orNull(seconds)(p.timeToLive)) return `${where}.timeToLive must be a number of seconds ≥ 0, or null`;
  // Infinity is "unlimited" from code (JSON cannot carry it); 0 sessions would be a token that opens none.
  const sessions = (v: unknown) =>
    (Number.isInteger(v) && (v as number) >= 1) || v === Number.POSITIVE_INFINITY;
  if (!orNull(sessions)(p.sessionLimit)) return `${where}.sessionLimit must be a whole number ≥ 1, or null`;
  const ttl = validateSessionTtl(p.sessionTtl, `${where}.sessionTtl`);
  if (ttl) return ttl;
  const date = p.expirationDate;
  const notDate = `${where}.expirationDate must be an ISO date string, epoch ms or null`;
  if (date !== undefined && date !== null && typeof date !== 'number' && typeof date !== 'string')
    return notDate;
  // NaN would read as "no expirationDate": a token meant to end would never end.
  if ((typeof date === 'string' && !Number.isFinite(Date.parse(date))) || Number.isNaN(date)) {
    return `${notDate}; ${typeof date === 'string' ? JSON.stringify(date) : String(date)} is not a date`;
  }
  return null;
}

/** Checks a session lifetime in seconds (a policy's, or the `sessionTtl` option); an error message or null. */
export function validateSessionTtl(ttl: unknown, name = 'sessionTtl'): string | null {
  return ttl === undefined || (typeof ttl === 'number' && ttl >= 0)
    ? null
    : `${name} must be a number of seconds ≥ 0`;
}
