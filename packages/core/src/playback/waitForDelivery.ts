import type { SessionCheck } from '../session/checkSession.js';
import type { PrivatePlaybackOptions } from './types.js';

type Timers = Pick<PrivatePlaybackOptions, 'setTimeout' | 'clearTimeout'>;

/**
 * Waits for a delivery that did not answer (the viewer's connection dropped) to answer again: `check`s it after
 * 1 s, 2 s, 4 s… (then every 16 s) for `timeout` ms in all, and at once when the browser says it is back online. What the first
 * check that got an answer found; `unreachable` once the time is spent, or `signal` aborted.
 */
export async function waitForDelivery(
  check: () => Promise<SessionCheck> | SessionCheck,
  timeout: number,
  timers: Timers,
  signal: AbortSignal,
): Promise<SessionCheck> {
  for (let waited = 0, delay = 1_000; waited < timeout && !signal.aborted; delay *= 2) {
    // At least every 16 s: a connection back without an `online` event (a captive portal, a server's outage)
    // is found soon enough, and an endless `timeout` never overflows the timer.
    const wait = Math.min(delay, 16_000, timeout - waited);
    waited += wait;
    await new Promise<void>((resolve) => {
      const done = () => {
        (timers.clearTimeout ?? clearTimeout)(timer as ReturnType<typeof setTimeout>);
        globalThis.removeEventListener?.('online', done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = (timers.setTimeout ?? setTimeout)(done, wait);
      globalThis.addEventListener?.('online', done);
      signal.addEventListener('abort', done);
    });
    const found = signal.aborted ? 'unreachable' : await check();
    if (found !== 'unreachable') return found;
  }
  return 'unreachable';
}
