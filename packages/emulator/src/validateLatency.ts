/** Node timers hold at most 2^31 - 1 ms (about 24.8 days): a longer delay would silently become 1 ms. */
export const MAX_LATENCY_MS = 2_147_483_647;

/** Checks a delay in milliseconds (the latency, a fault's `delayMs`); returns an error message or null. */
export function validateLatency(ms: unknown, name = 'latency'): string | null {
  return typeof ms === 'number' && ms >= 0 && ms <= MAX_LATENCY_MS
    ? null
    : `${name} must be a number of milliseconds between 0 and ${MAX_LATENCY_MS}`;
}
