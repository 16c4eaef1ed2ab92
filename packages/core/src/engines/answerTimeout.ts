import type { EngineContext } from '../playback/PlaybackEngine.js';

/** hls.js gives a fragment's first byte as long: a default that engines share. */
const defaultAnswerTimeout = 10_000;
/** The longest delay timers keep (about 24.8 days): a longer one, `Infinity` too, would fire at once. */
const longestDelay = 2 ** 31 - 1;

/**
 * How long a request may wait for a byte of its answer before it counts as a dropped connection: the app's
 * `answerTimeout`, unless it is not a positive number of ms (0 or `NaN` would fail every request at once);
 * `Infinity` waits as long as timers can.
 */
export function answerTimeout({ answerTimeout: given }: Pick<EngineContext, 'answerTimeout'>): number {
  return given !== undefined && given > 0 ? Math.min(given, longestDelay) : defaultAnswerTimeout;
}
