import type { EngineContext } from '../playback/PlaybackEngine.js';
import { answerTimeout } from './answerTimeout.js';
import { engineTimers } from './engineTimers.js';
import { onVhsRequestSent, type WatchedRequest } from './onVhsRequestSent.js';

export interface SilentRequests {
  /** Fails the request (through its XHR) once it has been silent for the engine's `answerTimeout`. */
  track(options: WatchedRequest): void;
  /** Forgets every request (the engine goes): no timer is left. */
  stop(): void;
}

/**
 * VHS sets no time limit on a segment's request while no lower rendition is left to switch to (at the start,
 * the lowest one), and waits for good on an answer that never comes: a connection the network dropped
 * without a word. Such a request, silent (from its start, or since its last byte) for `answerTimeout`, fails
 * as a network error does (@videojs/xhr answers the XHR's `error`): VHS retries it or leaves its rendition,
 * and the engine counts a request that got no answer. A slow answer is not silent: each byte gives it time
 * again.
 */
export function failSilentRequests(
  context: Pick<EngineContext, 'setTimeout' | 'clearTimeout' | 'answerTimeout'>,
): SilentRequests {
  const { setTimer, clearTimer } = engineTimers(context);
  const timeout = answerTimeout(context);
  const pending = new Set<() => void>();
  return {
    track(request) {
      onVhsRequestSent(request, (xhr) => {
        let timer: unknown;
        const fail = () => {
          forget();
          // Failed first, so VHS hears of a network failure rather than of an abort of its own (which it would
          // leave waiting); the abort then closes the connection (@videojs/xhr answers a request once).
          xhr.dispatchEvent(new Event('error'));
          xhr.abort();
        };
        const wait = () => {
          clearTimer(timer);
          timer = setTimer(fail, timeout);
        };
        const forget = () => {
          clearTimer(timer);
          pending.delete(forget);
          xhr.removeEventListener('progress', wait);
          xhr.removeEventListener('loadend', forget);
        };
        xhr.addEventListener('progress', wait);
        xhr.addEventListener('loadend', forget);
        pending.add(forget);
        wait();
      });
    },
    stop() {
      for (const forget of pending) forget();
    },
  };
}
