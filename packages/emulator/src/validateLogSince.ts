/** Checks a log `since` (a sequence number); returns an error message or null. */
export function validateLogSince(since: unknown): string | null {
  // Anything but a whole number would compare against every `seq` as a silent "all" or "none".
  return typeof since === 'number' && Number.isSafeInteger(since) && since >= 0
    ? null
    : 'since must be a whole number (a log sequence number), 0 or more';
}
