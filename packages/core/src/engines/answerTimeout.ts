import type { EngineContext } from '../playback/PlaybackEngine.js';

/** hls.js gives a fragment's first byte as long: a default that engines share. */
const defaultAnswerTimeout = 10_000;

/** How long a request may wait for a byte of its answer before it counts as a dropped connection. */
export function answerTimeout(context: Pick<EngineContext, 'answerTimeout'>): number {
  return context.answerTimeout ?? defaultAnswerTimeout;
}
