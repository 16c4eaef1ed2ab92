import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionCheck } from '../session/checkSession.js';
import { fakeTimers } from '../test-utils/fakeTimers.js';
import { waitForDelivery } from './waitForDelivery.js';

/** The browser's `window`, whose `online` event says the connection is back (Node has none). */
function stubWindow() {
  const window = new EventTarget();
  // Through `window` at each call, so that a spy on it sees them.
  vi.stubGlobal('addEventListener', (...args: Parameters<EventTarget['addEventListener']>) =>
    window.addEventListener(...args),
  );
  vi.stubGlobal('removeEventListener', (...args: Parameters<EventTarget['removeEventListener']>) =>
    window.removeEventListener(...args),
  );
  return window;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Fires the one pending timer, then lets the check it starts answer. */
async function fire(timers: ReturnType<typeof fakeTimers>) {
  const [timer] = timers.pending();
  timer!.callback();
  await new Promise<void>((resolve) => setImmediate(resolve));
  return timer!.ms;
}

describe('waitForDelivery', () => {
  it('checks after 1 s, 2 s, 4 s… (at most 16 s apart) until the time is spent: unreachable', async () => {
    const timers = fakeTimers();
    const check = vi.fn(async (): Promise<SessionCheck> => 'unreachable');
    const waited = waitForDelivery(check, 60_000, timers.options, new AbortController().signal);
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) waits.push(await fire(timers));
    await expect(waited).resolves.toBe('unreachable');
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 16_000, 13_000]);
    expect(check).toHaveBeenCalledTimes(7);
    expect(timers.pending()).toEqual([]);
  });

  it('says what the first check that got an answer found', async () => {
    const timers = fakeTimers();
    const answers: SessionCheck[] = ['unreachable', 'dead'];
    const check = vi.fn(async () => answers.shift()!);
    const waited = waitForDelivery(check, 30_000, timers.options, new AbortController().signal);
    await fire(timers);
    await fire(timers);
    await expect(waited).resolves.toBe('dead');
    expect(timers.pending()).toEqual([]);
  });

  it('checks at once when the browser is back online, and leaves no listener behind', async () => {
    const window = stubWindow();
    const timers = fakeTimers();
    const check = vi.fn(async (): Promise<SessionCheck> => 'alive');
    const listening = vi.spyOn(window, 'removeEventListener');
    const waited = waitForDelivery(check, 30_000, timers.options, new AbortController().signal);
    window.dispatchEvent(new Event('online'));
    await expect(waited).resolves.toBe('alive');
    expect(timers.pending()).toEqual([]); // the 1 s wait, cleared
    expect(listening).toHaveBeenCalledWith('online', expect.any(Function));
  });

  it('stops at an abort: no check, no timer, no listener', async () => {
    const window = stubWindow();
    const added = vi.spyOn(window, 'addEventListener');
    const removed = vi.spyOn(window, 'removeEventListener');
    const timers = fakeTimers();
    const check = vi.fn(async (): Promise<SessionCheck> => 'alive');
    const abort = new AbortController();
    const waited = waitForDelivery(check, 30_000, timers.options, abort.signal);
    abort.abort();
    await expect(waited).resolves.toBe('unreachable');
    expect(check).not.toHaveBeenCalled();
    expect(timers.pending()).toEqual([]);
    expect(removed.mock.calls).toEqual(added.mock.calls);
  });

  it('checks nothing with no time to wait (0)', async () => {
    const check = vi.fn(async (): Promise<SessionCheck> => 'alive');
    await expect(waitForDelivery(check, 0, {}, new AbortController().signal)).resolves.toBe('unreachable');
    expect(check).not.toHaveBeenCalled();
  });
});
