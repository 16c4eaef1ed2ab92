import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeHooks, FakeVideo } from '../test-utils/fakePlayback.js';
import { createNativeEngine } from './nativeEngine.js';

const mp4 = 'https://vod.api.video/vod/vi1/token/pt1/mp4/source.mp4';

function setup() {
  const video = new FakeVideo();
  const fake = createFakeHooks('st-1', video);
  const engine = createNativeEngine({ video: video.asElement(), hooks: fake.hooks });
  engine.loadMp4(`${mp4}?avh=st-1`);
  video.fire('loadedmetadata'); // the source loaded: what a resume reloads had played
  return { video, engine, ...fake };
}

describe('native engine: resume after a renewal', () => {
  it('reloads the newly signed source and restores position, rate and play state', () => {
    const { video, engine, session } = setup();
    Object.assign(video, { paused: false, playbackRate: 1.5, currentTime: 6 });
    session.token = 'st-2';
    engine.resume(6);
    expect(video.src).toBe(`${mp4}?avh=st-2`);
    expect([video.paused, video.playbackRate]).toEqual([true, 1]); // what load() did
    video.currentTime = 0;
    video.fire('loadedmetadata');
    expect([video.currentTime, video.playbackRate]).toEqual([6, 1.5]);
    expect(video.play).toHaveBeenCalledTimes(1);
  });

  it('keeps a paused video paused', () => {
    const { video, engine } = setup();
    engine.resume(3);
    video.fire('loadedmetadata');
    expect(video.currentTime).toBe(3);
    expect(video.play).not.toHaveBeenCalled();
  });

  it('leaves no restore behind on destroy: the next source of the element is not seeked', () => {
    const { video, engine } = setup();
    video.paused = false;
    engine.resume(6);
    engine.destroy();
    expect(video.listeners).toBe(0);
    video.src = 'https://example.com/next.mp4';
    video.fire('loadedmetadata');
    expect(video.currentTime).toBe(0);
    expect(video.play).not.toHaveBeenCalled();
  });

  it('keeps the restore waiting for a source that never loaded, when resuming it again', () => {
    const { video, engine, session } = setup();
    Object.assign(video, { paused: false, playbackRate: 1.5, currentTime: 6 });
    engine.resume(6);
    // Refused at once (nothing loaded): the element holds what load() reset, not what the viewer had.
    session.token = 'st-3';
    engine.resume(video.currentTime);
    expect(video.src).toBe(`${mp4}?avh=st-3`);
    video.fire('loadedmetadata');
    expect([video.currentTime, video.playbackRate, video.paused]).toEqual([6, 1.5, false]);
  });

  it('drops a pending restore when another source is loaded', () => {
    const { video, engine } = setup();
    engine.resume(6);
    engine.loadMp4(`${mp4}?avh=st-3`);
    video.fire('loadedmetadata');
    expect(video.currentTime).toBe(0);
  });
});

describe('native engine: a reloaded source that fails before it loaded', () => {
  it('gives up with what the viewer had: the element holds what load() reset', () => {
    const { video, engine, hooks } = setup();
    const viewers: unknown[] = [];
    hooks.onFatal = (_error, _status, viewer) => void viewers.push(viewer);
    Object.assign(video, { paused: false, playbackRate: 1.5, currentTime: 6 });
    engine.resume(6);
    video.fire('error');
    // Loaded since: the element holds the viewer's state again.
    engine.resume(6);
    video.fire('loadedmetadata');
    video.fire('error');
    expect(viewers).toEqual([{ position: 6, play: true, rate: 1.5 }, undefined]);
  });
});

describe('native engine: where the viewer is while a reloaded source loads', () => {
  it('says what the viewer had until it loaded (an app reading the position gets theirs, not 0)', () => {
    const { video, engine } = setup();
    Object.assign(video, { paused: false, playbackRate: 1.5, currentTime: 6 });
    expect(engine.viewer!()).toBeUndefined();
    engine.resume(6);
    expect(engine.viewer!()).toEqual({ position: 6, play: true, rate: 1.5 });
    video.fire('loadedmetadata');
    expect(engine.viewer!()).toBeUndefined();
  });
});

describe('native engine: a source that stalls before any of it loaded', () => {
  /** A source set, nothing of it loaded yet (its first answer held, or cut short in WebKit). */
  function loading() {
    const video = new FakeVideo();
    const fake = createFakeHooks('st-1', video);
    const engine = createNativeEngine({ video: video.asElement(), hooks: fake.hooks });
    engine.loadMp4(`${mp4}?avh=st-1`);
    return { video, engine, ...fake };
  }

  it('asks for it once more, signed with the session of now, keeping the restore that waits for it', () => {
    const { video, engine, session } = setup();
    Object.assign(video, { paused: false, playbackRate: 1.5, currentTime: 6 });
    engine.resume(6); // a renewal's resume: its restore waits for the new load, which stalls
    session.token = 'st-2';
    video.fire('stalled');
    expect(video.src).toBe(`${mp4}?avh=st-2`);
    video.fire('loadedmetadata');
    expect([video.currentTime, video.playbackRate, video.paused]).toEqual([6, 1.5, false]);
  });

  it('asks twice more, then fails with what the viewer had, rather than wait for good', () => {
    const { video, engine, hooks } = loading();
    const failures: unknown[] = [];
    hooks.onFatal = (error, _status, viewer) => void failures.push([error.code, error.message, viewer]);
    video.fire('stalled');
    video.fire('stalled');
    expect([video.load.mock.calls.length, failures]).toEqual([3, []]); // the source, then two reloads
    video.fire('stalled');
    expect(video.load).toHaveBeenCalledTimes(3);
    expect(failures).toEqual([
      ['media', 'The browser could not play the media (no data came, 3 times in a row).', undefined],
    ]);
    engine.loadMp4(`${mp4}?avh=st-1&next`);
    video.fire('stalled');
    expect(video.load).toHaveBeenCalledTimes(5); // a new source gets its own
  });

  it('leaves a stall alone after destroy', () => {
    const { video, engine } = loading();
    engine.destroy();
    expect(video.listeners).toBe(0);
  });
});

describe('native engine: a source that stalls mid-play (WebKit never asks for the rest of a cut download)', () => {
  it('asks for it again where playback stands, signed anew, and plays on from there', () => {
    const { video, session } = setup();
    Object.assign(video, { paused: false, playbackRate: 1.5, currentTime: 3 });
    session.token = 'st-2';
    video.fire('stalled');
    expect(video.src).toBe(`${mp4}?avh=st-2`);
    video.fire('loadedmetadata');
    expect([video.currentTime, video.playbackRate, video.play.mock.calls.length]).toEqual([3, 1.5, 1]);
  });

  it('asks twice more at one place, again once playback has moved past it, and never for a paused video', () => {
    const { video, hooks } = setup();
    const failures: string[] = [];
    hooks.onFatal = (error) => void failures.push(error.code);
    const loads = () => video.load.mock.calls.length;
    video.fire('stalled'); // paused: the viewer's choice, not a stall to mend
    expect(loads()).toBe(1);
    Object.assign(video, { paused: false, currentTime: 3 });
    video.fire('stalled');
    video.fire('loadedmetadata');
    video.fire('stalled'); // again where the last reload started
    video.fire('loadedmetadata');
    expect([loads(), failures]).toEqual([3, []]);
    video.currentTime = 5;
    video.fire('stalled');
    video.fire('loadedmetadata');
    video.fire('stalled');
    expect([loads(), failures]).toEqual([5, []]);
    video.fire('stalled'); // the second reload from 5 s got no data either: the third stall there fails
    expect([loads(), failures]).toEqual([5, ['media']]);
  });

  it('leaves native HLS alone once something of it loaded: Chromium says `stalled` as it plays well', () => {
    const { video, engine } = setup();
    engine.loadHls('https://vod.api.video/vod/vi1/token/pt1/hls/manifest.m3u8?avh=st-1');
    video.fire('stalled'); // nothing loaded yet: asked for again
    video.fire('loadedmetadata');
    Object.assign(video, { paused: false, currentTime: 3 });
    video.fire('stalled');
    video.currentTime = 6;
    video.fire('stalled');
    expect(video.load).toHaveBeenCalledTimes(3); // the mp4, the HLS source, its one reload
  });
});

describe('native engine: native HLS with nothing loaded, and not a word from the browser', () => {
  const hls = 'https://vod.api.video/vod/vi1/token/pt1/hls/manifest.m3u8?avh=st-1';
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Native HLS that started loading (Chromium's says nothing while a playlist or first segment is held). */
  function loadingHls(answerTimeout?: number) {
    vi.useFakeTimers();
    const video = new FakeVideo();
    const fake = createFakeHooks('st-1', video);
    const failures: string[] = [];
    fake.hooks.onFatal = (error) => void failures.push(error.code);
    const engine = createNativeEngine({ video: video.asElement(), hooks: fake.hooks, answerTimeout });
    engine.loadHls(hls);
    video.fire('loadstart');
    return { video, engine, failures };
  }

  it('takes it for stalled 10 s after it started loading: asked for again twice, then it fails', () => {
    const { video, failures } = loadingHls();
    vi.advanceTimersByTime(9_999);
    expect(video.load).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(video.load).toHaveBeenCalledTimes(2);
    for (const _reload of [1, 2]) {
      video.fire('loadstart');
      vi.advanceTimersByTime(10_000);
    }
    expect([video.load.mock.calls.length, failures]).toEqual([3, ['media']]);
  });

  it("takes the app's answerTimeout instead, when it gives one", () => {
    const { video } = loadingHls(4_000);
    vi.advanceTimersByTime(3_999);
    expect(video.load).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(video.load).toHaveBeenCalledTimes(2);
  });

  it('waits for nothing once metadata came, while idle (preload="none"), for an mp4, or once destroyed', () => {
    const { video, engine } = loadingHls();
    video.fire('loadedmetadata');
    vi.advanceTimersByTime(10_000);
    video.readyState = 0;
    video.networkState = 1; // idle, until a play starts it
    video.fire('loadstart');
    vi.advanceTimersByTime(10_000);
    engine.loadMp4('https://vod.api.video/vod/vi1/token/pt1/mp4/source.mp4?avh=st-1');
    video.networkState = 2;
    video.fire('loadstart');
    vi.advanceTimersByTime(10_000);
    expect(video.load).toHaveBeenCalledTimes(2); // the HLS source, the mp4: no reload
    engine.loadHls(hls);
    video.fire('loadstart');
    engine.destroy();
    expect(vi.getTimerCount()).toBe(0);
  });
});
