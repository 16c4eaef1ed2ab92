import type { LogFilter } from './control/types.js';
import { validateKeys } from './validateKeys.js';

/** The fields of a log filter, and the query parameters of `GET /__emulator/log`. */
export const LOG_FILTER_KEYS = Object.keys({ since: true } satisfies Record<keyof LogFilter, true>);

/** Checks a log `since` (a sequence number); returns an error message or null. */
export function validateLogSince(since: unknown): string | null {
  // Anything but a whole number would compare against every `seq` as a silent "all" or "none".
  return typeof since === 'number' && Number.isSafeInteger(since) && since >= 0
    ? null
    : 'since must be a whole number (a log sequence number), 0 or more';
}

/** Checks the filter given to `log()`: a misspelt `since` would read the whole log. */
export function validateLogFilter(filter: LogFilter): string | null {
  return (
    validateKeys(filter, LOG_FILTER_KEYS, 'log filter') ??
    (filter.since === undefined ? null : validateLogSince(filter.since))
  );
}
