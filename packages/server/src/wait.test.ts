import { afterEach, describe, expect, it, vi } from 'vitest';
import { wait } from './wait.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('wait', () => {
  it('resolves after the time given', async () => {
    vi.useFakeTimers();
    let done = false;
    const waiting = wait(5_000).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(done).toBe(true);
  });

  it('ends at once when the signal aborts, leaving no timer behind', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const waiting = wait(10_000, controller.signal);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    await waiting;
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ends at once, leaving no timer behind, when the signal had aborted already', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    controller.abort();
    const waiting = wait(10_000, controller.signal);
    expect(vi.getTimerCount()).toBe(0);
    await waiting;
  });
});
