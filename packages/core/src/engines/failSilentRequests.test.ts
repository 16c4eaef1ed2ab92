import { describe, expect, it, vi } from 'vitest';
import { failSilentRequests } from './failSilentRequests.js';

/** The default `answerTimeout`. */
const silentRequestTimeout = 10_000;

/** Timers that run only when the test moves the clock. */
function fakeClock() {
  let now = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  let next = 0;
  return {
    timers,
    setTimeout: (callback: () => void, ms: number) => {
      timers.set(++next, { at: now + ms, callback });
      return next;
    },
    clearTimeout: (handle: unknown) => void timers.delete(handle as number),
    advance(ms: number) {
      now += ms;
      for (const [handle, timer] of [...timers]) {
        if (timer.at <= now) {
          timers.delete(handle);
          timer.callback();
        }
      }
    },
  };
}

/** A request as VHS makes it, and the XHR @videojs/xhr hands its `beforeSend`. */
function send(silent: ReturnType<typeof failSilentRequests>) {
  const xhr = Object.assign(new EventTarget(), {
    abort: vi.fn(() => xhr.dispatchEvent(new Event('loadend'))),
  });
  const errors: Event[] = [];
  xhr.addEventListener('error', (event) => errors.push(event));
  const beforeSend = vi.fn();
  const options = { uri: 'https://vod.api.video/vod/vi1/token/pt1/hls/v0/seg_000.ts', beforeSend };
  silent.track(options);
  options.beforeSend(xhr as unknown as XMLHttpRequest);
  return { xhr, errors, beforeSend };
}

describe('failSilentRequests', () => {
  it('fails a request with no byte of its answer for 10 s as a network error, then closes it', () => {
    const clock = fakeClock();
    const { xhr, errors, beforeSend } = send(failSilentRequests(clock));
    expect(beforeSend).toHaveBeenCalledWith(xhr); // the hook @videojs/xhr gave still runs
    clock.advance(silentRequestTimeout - 1);
    expect(errors).toHaveLength(0);
    clock.advance(1);
    expect(errors).toHaveLength(1);
    expect(xhr.abort).toHaveBeenCalledOnce();
    expect(clock.timers.size).toBe(0);
  });

  it('gives a slow answer time again with each byte: only silence fails it', () => {
    const clock = fakeClock();
    const { xhr, errors } = send(failSilentRequests(clock));
    for (let i = 0; i < 5; i++) {
      clock.advance(silentRequestTimeout - 1);
      xhr.dispatchEvent(new Event('progress'));
    }
    expect(errors).toHaveLength(0);
    clock.advance(silentRequestTimeout);
    expect(errors).toHaveLength(1);
  });

  it('leaves a request alone once it ended, however (answered, failed, or aborted by VHS)', () => {
    const clock = fakeClock();
    const { xhr, errors } = send(failSilentRequests(clock));
    xhr.dispatchEvent(new Event('loadend'));
    clock.advance(silentRequestTimeout * 2);
    expect(errors).toHaveLength(0);
    expect(clock.timers.size).toBe(0);
  });

  it("waits the engine's answerTimeout instead, when the app gives one", () => {
    const clock = fakeClock();
    const { errors } = send(failSilentRequests({ ...clock, answerTimeout: 2_500 }));
    clock.advance(2_499);
    expect(errors).toHaveLength(0);
    clock.advance(1);
    expect(errors).toHaveLength(1);
  });

  it('leaves no timer behind at stop, with requests still under way', () => {
    const clock = fakeClock();
    const silent = failSilentRequests(clock);
    const requests = [send(silent), send(silent)];
    expect(clock.timers.size).toBe(2);
    silent.stop();
    expect(clock.timers.size).toBe(0);
    clock.advance(silentRequestTimeout);
    expect(requests.flatMap(({ errors }) => errors)).toEqual([]);
  });
});
