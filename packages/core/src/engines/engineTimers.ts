import type { EngineContext } from '../playback/PlaybackEngine.js';

/** The controller's injectable timers (see `EngineContext`), or the global ones. */
export function engineTimers({
  setTimeout: set,
  clearTimeout: clear,
}: Pick<EngineContext, 'setTimeout' | 'clearTimeout'>) {
  return {
    setTimer: set ?? ((callback: () => void, ms: number): unknown => setTimeout(callback, ms)),
    clearTimer: clear ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>)),
  };
}
