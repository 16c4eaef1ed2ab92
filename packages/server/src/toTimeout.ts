/** The per-attempt timeout when none is given, or one that is not a positive number of ms. */
const defaultTimeout = 10_000;
/** The longest delay timers keep (about 24.8 days): a longer one would fire at once. */
const longestDelay = 2 ** 31 - 1;

/**
 * A `timeout` option as a delay `AbortSignal.timeout` takes (a whole number of ms up to 2^32 - 1; anything
 * else throws a RangeError, which would fail every request): as core reads `answerTimeout`, one that is not
 * a positive number of ms (0, negative, `NaN`) means the default, and `Infinity` (or any delay over what
 * timers keep) the longest delay. A fraction of a ms is rounded up.
 */
export function toTimeout(given: number | undefined): number {
  return given !== undefined && given > 0 ? Math.min(Math.ceil(given), longestDelay) : defaultTimeout;
}
