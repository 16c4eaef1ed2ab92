import type { ExpireFilter } from './control/types.js';
import { isRecord, validateKeys } from './validateKeys.js';

/** Every filter field; a `Record` so the compiler flags a field added to `ExpireFilter` but not here. */
const FILTER_KEYS = Object.keys({
  videoId: true,
  privateToken: true,
  sessionToken: true,
} satisfies Record<keyof ExpireFilter, true>) as (keyof ExpireFilter)[];

/**
 * Checks which sessions to expire (received over HTTP, or given to `expireSessions`); returns an error
 * message or null. Anything but an object, or a misspelt field, would read as the empty filter, which
 * expires every session.
 */
export function validateExpireFilter(input: unknown): string | null {
  if (!isRecord(input)) return 'filter must be an object';
  const unknown = validateKeys(input, FILTER_KEYS, 'filter');
  if (unknown) return unknown;
  for (const key of FILTER_KEYS) {
    if (input[key] !== undefined && typeof input[key] !== 'string') return `${key} must be a string`;
  }
  return null;
}
