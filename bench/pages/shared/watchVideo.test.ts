// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mark, record } from './record';
import { watchVideo } from './watchVideo';

/** A `<video>` watched from its start, with a clock the test moves (`performance.now()` is the marks' clock). */
function setUp() {
  let now = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => now);
  const video = document.createElement('video');
  watchVideo(video);
  const at = (time: number, event: string) => {
    now = time;
    video.dispatchEvent(new Event(event));
  };
  const fallBack = (time: number) => {
    now = time;
    mark('fallback');
  };
  return { at, fallBack };
}

describe('watchVideo: the video stopped before the fallback', () => {
  beforeEach(() => {
    record.marks = {};
    record.values = {};
    vi.restoreAllMocks();
  });

  it('is the last `waiting` before the fallback, not an earlier one', () => {
    const { at, fallBack } = setUp();
    at(100, 'playing');
    at(1000, 'waiting');
    at(1400, 'waiting');
    fallBack(1500);
    at(1700, 'playing');
    expect(record.marks.waitingBeforeFallback).toBe(1400);
    expect(record.marks.playingAfterFallback).toBe(1700);
  });

  it('leaves out a stall the video recovered from', () => {
    const { at, fallBack } = setUp();
    at(100, 'playing');
    at(1000, 'waiting');
    at(1200, 'playing');
    at(3000, 'waiting');
    fallBack(3500);
    expect(record.marks.waitingBeforeFallback).toBe(3000);
  });

  it('is not marked when the video was playing at the fallback', () => {
    const { at, fallBack } = setUp();
    at(100, 'playing');
    at(1000, 'waiting');
    at(1200, 'playing');
    fallBack(3500);
    at(3600, 'waiting');
    expect(record.marks.waitingBeforeFallback).toBeUndefined();
  });

  it('ignores a `waiting` before the video first played', () => {
    const { at } = setUp();
    at(50, 'waiting');
    expect(record.marks.waitingBeforeFallback).toBeUndefined();
  });
});
