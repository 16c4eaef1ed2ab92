import videojs from 'video.js';
import { describe, expect, it } from 'vitest';
import { shortVhsBuffers } from '../../../scripts/vitest/shortVhsBuffers';
import { createPrivatePlayback, type PrivatePlayback } from '../src/playback/PrivatePlayback.js';
import type { PlaybackEngineName, PlaybackState } from '../src/playback/types.js';
import { toThumbnailUrl } from '../src/source/assetUrls.js';
import {
  cleanUpEachTest,
  control,
  createClient,
  createVideo,
  deliveryLog,
  emulatorUrl,
  keep,
  once,
  playedPast,
} from './browserHelpers.js';

shortVhsBuffers(videojs);

cleanUpEachTest();

const videoId = 'viPrivateTs';
const streamKinds = new Set(['manifest', 'playlist', 'segment', 'init', 'key', 'subtitle', 'mp4']);

/** A `<video preload="none">` with its player; its `loadstart` is awaited, so listen before creating. */
async function mount(engine: PlaybackEngineName, options = {}) {
  const { privateToken } = await control.mintToken(videoId);
  const { video } = createVideo();
  video.preload = 'none';
  const loadStarted = once(video, 'loadstart');
  const playback = keep(
    createPrivatePlayback(
      video,
      { videoId, privateToken, domains: { vod: emulatorUrl } },
      { client: createClient(), engine, ...options },
    ),
  );
  return { video, playback, loadStarted };
}

function reached(playback: PrivatePlayback, state: PlaybackState): Promise<void> {
  return new Promise((resolve) => {
    if (playback.getState() === state) resolve();
    playback.on('state', (next) => {
      if (next === state) resolve();
    });
  });
}

/**
 * Once the engine has its source (`loadstart`) and the signed poster has loaded (a request made after
 * it, which needs the session): what an engine loads at once would have been asked for by then.
 */
async function mountedIdle(
  video: HTMLVideoElement,
  playback: PrivatePlayback,
  loadStarted: Promise<unknown>,
) {
  await reached(playback, 'loading');
  await loadStarted;
  const poster = new Image();
  poster.src = playback.session.sign(toThumbnailUrl(playback.session.ref));
  await poster.decode();
  video.poster = poster.src;
  return (await deliveryLog(videoId)).filter((entry) => streamKinds.has(entry.kind));
}

async function expectSignedWithOneSession() {
  const log = await deliveryLog(videoId);
  expect(log.filter((entry) => entry.kind === 'session')).toHaveLength(1);
  expect(log.filter((entry) => entry.kind !== 'session' && !entry.avh)).toEqual([]);
  expect(log.filter((entry) => entry.status >= 400 && entry.kind !== 'manifest')).toEqual([]);
  return log;
}

describe.each<PlaybackEngineName>(['hls.js', 'video.js', 'native'])('%s with preload="none"', (engine) => {
  it('requests no stream before play, then plays it signed, in the one session', async () => {
    const { video, playback, loadStarted } = await mount(engine);
    expect(await mountedIdle(video, playback, loadStarted)).toEqual([]);
    expect(playback.getState()).toBe('loading');
    expect((await deliveryLog(videoId)).filter((entry) => entry.kind === 'session')).toHaveLength(1);
    await video.play();
    await playedPast(video, 1);
    await expectSignedWithOneSession();
    expect(playback.getState()).toBe('playing');
    expect(playback.getSource()).toBe(engine === 'native' ? 'mp4' : 'hls');
  });

  it('starts at once with autoPlay', async () => {
    const { video, playback } = await mount(engine, { autoPlay: true });
    await playedPast(video, 1);
    await expectSignedWithOneSession();
    expect(playback.getState()).toBe('playing');
  });

  it('starts at startTime, at the rate and muted state the viewer had, once played', async () => {
    const { video, playback, loadStarted } = await mount(engine, { startTime: 3 });
    expect(await mountedIdle(video, playback, loadStarted)).toEqual([]);
    video.playbackRate = 1.25;
    video.play().catch(() => {});
    await once(video, 'playing');
    expect(video.currentTime).toBeGreaterThanOrEqual(2.9);
    await playedPast(video, 4);
    expect([video.playbackRate, video.muted, video.paused]).toEqual([1.25, true, false]);
    const log = await expectSignedWithOneSession();
    if (engine === 'hls.js') {
      // hls.js loads from there: no segment before it (the clip is in 2 s segments).
      const segments = log.filter((entry) => entry.kind === 'segment').map((entry) => entry.path);
      expect(segments.filter((path) => /seg_00[0]\.ts$/.test(path))).toEqual([]);
    }
  });
});

describe.each<PlaybackEngineName>(['hls.js', 'video.js'])('%s with preload="none", once played', (engine) => {
  it('falls back to the mp4 when the manifest fails, and plays it', async () => {
    await control.addFault({ match: { videoId, kind: 'manifest' }, status: 500 });
    const { video, playback, loadStarted } = await mount(engine);
    expect(await mountedIdle(video, playback, loadStarted)).toEqual([]);
    const fallback = new Promise((resolve) => playback.on('fallback', resolve));
    video.play().catch(() => {});
    expect(await fallback).toMatchObject({ from: 'hls', to: 'mp4' });
    await playedPast(video, 1);
    expect(playback.getSource()).toBe('mp4');
    const mp4 = (await deliveryLog(videoId)).filter((entry) => entry.kind === 'mp4');
    expect(mp4.length).toBeGreaterThan(0);
    expect(mp4.every((entry) => entry.avh && entry.status < 400)).toBe(true);
  });

  it('renews a session that died before play, and plays', async () => {
    const getPrivateToken = async () => (await control.mintToken(videoId)).privateToken;
    const { video, playback, loadStarted } = await mount(engine, { getPrivateToken });
    expect(await mountedIdle(video, playback, loadStarted)).toEqual([]);
    await control.expireSessions({ videoId });
    const renewed = new Promise((resolve) => playback.on('sessionrenewed', resolve));
    video.play().catch(() => {});
    await renewed;
    await playedPast(video, 1);
    expect(playback.getSource()).toBe('hls');
    const log = await deliveryLog(videoId);
    expect(log.filter((entry) => entry.kind === 'session').map((entry) => entry.status)).toEqual([200, 200]);
    expect(log.filter((entry) => entry.kind !== 'session' && !entry.avh)).toEqual([]);
  });
});
