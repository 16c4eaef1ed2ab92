/** Node timers hold at most 2^31 - 1 ms (about 24.8 days): a longer delay would silently become 1 ms. */
export const MAX_LATENCY_MS = 2_147_483_647;

/** Checks a latency in milliseconds; returns an error message or null. */
export function validateLatency(ms: unknown): string | null {
  return typeof ms === 'number' && ms >= 0 && ms <= MAX_LATENCY_MS
    ? null
    : `latency must be a number of milliseconds between 0 and ${MAX_LATENCY_MS}`;
}
