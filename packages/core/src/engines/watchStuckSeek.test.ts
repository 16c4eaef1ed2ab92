import { describe, expect, it } from 'vitest';
import { FakeVideo } from '../test-utils/fakePlayback.js';
import { stuckSeekAfter, watchStuckSeek } from './watchStuckSeek.js';

/** Timers run by hand: `run()` fires those due (all of them here: each test waits out one delay). */
function manualTimers() {
  const pending = new Map<number, () => void>();
  const delays: number[] = [];
  let next = 0;
  return {
    delays,
    setTimeout: (callback: () => void, ms: number) => {
      delays.push(ms);
      pending.set(++next, callback);
      return next;
    },
    clearTimeout: (handle: unknown) => {
      pending.delete(handle as number);
    },
    pending: () => pending.size,
    run: () => {
      const due = [...pending.values()];
      pending.clear();
      for (const callback of due) callback();
    },
  };
}

/** A video whose seek to `target` has started (`seeking`), with 0.07–12 s buffered. */
function seekingTo(target: number) {
  const video = new FakeVideo();
  video.ranges = [[0.07, 12]];
  const seeks: number[] = [];
  let time = 0;
  Object.defineProperty(video, 'currentTime', {
    get: () => time,
    set: (value: number) => {
      time = value;
      seeks.push(value);
      video.seeking = true;
      video.fire('seeking');
    },
  });
  const start = () => {
    video.asElement().currentTime = target;
  };
  return { video, seeks, start };
}

describe('watchStuckSeek', () => {
  it('makes again a seek to a buffered time that is still pending after a while, and stops once it is done', () => {
    const timers = manualTimers();
    const { video, seeks, start } = seekingTo(0.17);
    watchStuckSeek(video.asElement(), timers);
    start();
    expect(timers.delays).toEqual([stuckSeekAfter]);
    timers.run();
    expect(seeks).toEqual([0.17, 0.17]);
    // The new seek completes: nothing more is made.
    video.seeking = false;
    video.fire('seeked');
    expect(timers.pending()).toBe(0);
  });

  it('leaves alone a seek that completes in time', () => {
    const timers = manualTimers();
    const { video, seeks, start } = seekingTo(0.17);
    watchStuckSeek(video.asElement(), timers);
    start();
    video.seeking = false;
    video.fire('seeked');
    expect(timers.pending()).toBe(0);
    expect(seeks).toEqual([0.17]);
  });

  it('leaves alone a seek whose target is not buffered: it waits for data', () => {
    const timers = manualTimers();
    const { video, seeks, start } = seekingTo(30);
    watchStuckSeek(video.asElement(), timers);
    start();
    timers.run();
    expect(seeks).toEqual([30]);
  });

  it('watches nothing once stopped: no timer, no listener', () => {
    const timers = manualTimers();
    const { video, seeks, start } = seekingTo(0.17);
    const listeners = video.listeners;
    const stop = watchStuckSeek(video.asElement(), timers);
    start();
    stop();
    expect(timers.pending()).toBe(0);
    expect(video.listeners).toBe(listeners);
    start();
    expect(timers.pending()).toBe(0);
    expect(seeks).toEqual([0.17, 0.17]);
  });
});
