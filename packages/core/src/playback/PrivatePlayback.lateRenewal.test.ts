import { createFakeDelivery } from '@private-video/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { SessionClient } from '../session/SessionClient.js';
import { createFakeEngineModule, FakeVideo } from '../test-utils/fakePlayback.js';
import { createPrivatePlayback, type PrivatePlayback } from './PrivatePlayback.js';

const base = 'https://vod.api.video/vod/vi1/token/pt1';

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function next(playback: PrivatePlayback, type: 'sessionrenewed') {
  return new Promise((resolve) => {
    const off = playback.on(type, (event) => {
      off();
      resolve(event);
    });
  });
}

/**
 * A player on a session the server opened at 0 (expiring at 120 s), with a clock, timers and a probe the test
 * drives: `getPrivateToken` fails at its `failingCall`-th call, and gives `pt2` otherwise.
 */
async function playOnServerSession(failingCall: number) {
  const clock = { now: 0 };
  const timers: (() => void)[] = [];
  const delivery = createFakeDelivery();
  const client = new SessionClient({ fetch: delivery.fetch, storage: null, now: () => clock.now });
  const getPrivateToken = vi.fn(async () => {
    if (getPrivateToken.mock.calls.length === failingCall) throw new Error('token backend down');
    return 'pt2';
  });
  const probe = { alive: true, checks: [] as string[] };
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    probe.checks.push(String(input));
    return new Response('', { status: probe.alive ? 200 : 404 });
  });
  const hls = createFakeEngineModule('hls.js');
  const video = new FakeVideo();
  const playback = createPrivatePlayback(
    video.asElement(),
    { videoId: 'vi1', privateToken: 'pt1' },
    {
      client,
      fetch,
      getPrivateToken,
      loadEngine: async () => hls.module,
      session: { token: 'server', expiresAt: 120_000 }, // opened at 0
      setTimeout: (callback) => timers.push(callback),
    },
  );
  await vi.waitFor(() => expect(hls.engines).toHaveLength(1));
  return { playback, engine: hls.engines[0]!, video, clock, timers, probe, getPrivateToken };
}

/**
 * A renewal ahead of expiry came due while paused, and the viewer plays only after the session expired:
 * then the renewal fails, and the session is left in `error` with no session at all.
 */
async function lateFailedRenewal() {
  const { playback, engine, video, clock, timers, probe, getPrivateToken } = await playOnServerSession(1);
  timers[0]!(); // the renewal ahead comes due: paused, it waits for play
  clock.now = 200_000; // paused past expiry
  probe.alive = false;
  video.paused = false;
  video.fire('play');
  await settle();
  return { playback, engine, checks: probe.checks, getPrivateToken };
}

describe('PrivatePlayback: a renewal ahead that fails after the session expired', () => {
  it('keeps signing every request with the last session token until a new one exists', async () => {
    const { playback, engine, checks } = await lateFailedRenewal();
    // The premise: the session itself has none left, and playback goes on.
    expect(playback.session.getState()).toMatchObject({ status: 'error', session: undefined });
    expect(playback.getState()).not.toBe('error');
    expect(engine.hooks.sign(`${base}/hls/360p/seg_004.ts`)).toBe(`${base}/hls/360p/seg_004.ts?avh=server`);
    // Its refusal is checked with a signed probe, and renews.
    const renewed = next(playback, 'sessionrenewed');
    engine.hooks.onAssetRefused(404, `${base}/hls/360p/seg_004.ts?avh=server`);
    await renewed;
    expect(checks).toEqual([`${base}/hls/manifest.m3u8?avh=server`]);
    expect(engine.hooks.sign(`${base}/hls/360p/seg_004.ts`)).toMatch(
      /\/token\/pt2\/hls\/360p\/seg_004\.ts\?avh=st-/,
    );
    playback.destroy();
  });

  it('signs the mp4 of a fallback decided then', async () => {
    const { playback, engine } = await lateFailedRenewal();
    const { PrivateVideoError } = await import('../errors/PrivateVideoError.js');
    engine.hooks.onFatal(new PrivateVideoError('media', 'gave up'), undefined);
    await settle();
    expect(engine.calls.at(-1)).toBe(`mp4 ${base}/mp4/source.mp4?avh=server`);
    playback.destroy();
  });
});

describe('PrivatePlayback: a renewal ahead that fails after a renewal succeeded', () => {
  it('keeps signing with the renewed session, on its private token, old URLs included', async () => {
    const { playback, engine, video, clock, timers, getPrivateToken } = await playOnServerSession(2);
    video.paused = false;
    const renewed = next(playback, 'sessionrenewed');
    timers[0]!(); // the first renewal ahead, while playing: pt2
    const { session } = (await renewed) as { session: { token: string } };
    await settle(); // that renewal is over
    video.paused = true;
    timers[1]!(); // the next comes due while paused
    clock.now = 100_000_000; // paused past its expiry: the renewal on play fails
    video.paused = false;
    video.fire('play');
    await settle();
    expect(getPrivateToken).toHaveBeenCalledTimes(2);
    expect(playback.session.getState()).toMatchObject({ status: 'error', session: undefined });
    expect(engine.hooks.sign(`${base}/hls/360p/seg_004.ts`)).toBe(
      `https://vod.api.video/vod/vi1/token/pt2/hls/360p/seg_004.ts?avh=${session.token}`,
    );
    playback.destroy();
  });
});
