import type { EngineContext } from '../playback/PlaybackEngine.js';
import { toDuration } from '../toDuration.js';

/**
 * How long a request may wait for a byte of its answer before it counts as a dropped connection: the app's
 * `answerTimeout`, read as every duration option is (see `toDuration`), or 10 s, as long as hls.js gives a
 * fragment's first byte.
 */
export function answerTimeout({ answerTimeout: given }: Pick<EngineContext, 'answerTimeout'>): number {
  return toDuration(given, 10_000);
}
