/** The longest delay timers keep (about 24.8 days): a longer one, `Infinity` too, would fire at once. */
const longestDelay = 2 ** 31 - 1;

/**
 * A duration option (a timeout, a lifetime) as timers and `AbortSignal.timeout` take it: whole ms up to
 * 2^31 - 1 (Node throws a `RangeError` for anything else, which would fail every request). One that is not a
 * positive number of ms (0, negative, `NaN` from an unset environment variable: every wait would end at once)
 * means `fallback`, and `Infinity` (or any delay over what timers keep) the longest delay. A fraction of a ms
 * is rounded up.
 */
export function toDuration(given: number | undefined, fallback: number): number {
  return given! > 0 ? Math.min(Math.ceil(given!), longestDelay) : fallback;
}
