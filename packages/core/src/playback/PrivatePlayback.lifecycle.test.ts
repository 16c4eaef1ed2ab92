import { createFakeDelivery, deferred } from '@private-video/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { PrivateVideoError } from '../errors/PrivateVideoError.js';
import { SessionClient } from '../session/SessionClient.js';
import { createFakeEngineModule, FakeVideo } from '../test-utils/fakePlayback.js';
import { fakeTimers } from '../test-utils/fakeTimers.js';
import { createPrivatePlayback } from './PrivatePlayback.js';
import type { PrivatePlaybackOptions } from './types.js';

const base = 'https://vod.api.video/vod/vi1/token/pt1';
const source = { videoId: 'vi1', privateToken: 'pt1' };
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function world(clientOptions: ConstructorParameters<typeof SessionClient>[0] = {}) {
  const delivery = createFakeDelivery();
  const client = new SessionClient({
    fetch: delivery.fetch,
    storage: null,
    sleep: async () => {},
    ...clientOptions,
  });
  let alive = true;
  const probes: string[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    probes.push(String(input));
    const url = String(input);
    // The probe is refused unless signed with the current session.
    const current = client.video(source).getState().session?.token;
    return new Response('', { status: alive && current && url.includes(`avh=${current}`) ? 200 : 404 });
  });
  const hls = createFakeEngineModule('hls.js');
  const make = (options: PrivatePlaybackOptions = {}) => {
    const video = new FakeVideo();
    const playback = createPrivatePlayback(video.asElement(), source, {
      client,
      fetch,
      loadEngine: async () => hls.module,
      ...options,
    });
    const events: string[] = [];
    for (const type of ['state', 'source', 'fallback', 'sessionrenewed', 'error'] as const)
      playback.on(type, (event) =>
        events.push(
          `${type}:${typeof event === 'string' ? event : ((event as { code?: string }).code ?? '')}`,
        ),
      );
    return { video, playback, events };
  };
  return {
    delivery,
    client,
    hls,
    make,
    probes,
    kill: () => {
      alive = false;
    },
    revive: () => {
      alive = true;
    },
  };
}

describe('PrivatePlayback lifecycle', () => {
  it('a player (own getPrivateToken) and a thumbnail opening an expired session in the same tick: the player plays', async () => {
    const w = world();
    const session = w.client.video(source);
    session.setSession({ token: 'server', expiresAt: Date.now() - 1 });
    const getPrivateToken = vi.fn(async () => 'pt2');
    const player = w.make({ getPrivateToken });
    session.open().catch(() => {}); // the thumbnail's effect, after the player's in the same commit
    await settle();
    expect(player.events).not.toContain('state:error');
    expect(w.hls.engines).toHaveLength(1);
  });

  it('a listener removed (off) by another during an emit is not called', async () => {
    const w = world();
    const { playback } = w.make();
    const heard: string[] = [];
    // eslint-disable-next-line prefer-const
    let off: () => void;
    playback.on('state', () => off());
    off = playback.on('state', (state) => heard.push(state));
    await vi.waitFor(() => expect(w.hls.engines).toHaveLength(1));
    expect(heard).toEqual([]);
    playback.destroy();
  });

  it('a listener destroying the player on loading: the next listener hears no more from it', async () => {
    const w = world();
    const { playback } = w.make();
    const heard: string[] = [];
    playback.on('state', (state) => state === 'loading' && playback.destroy());
    playback.on('state', (state) => heard.push(state));
    await settle();
    await settle();
    expect(heard).toEqual(['opening-session']);
    expect(w.hls.engines).toHaveLength(0);
  });

  it('destroyed while the engine loads: no engine, no timer, no listener, no event', async () => {
    const w = world();
    const timers = fakeTimers();
    const load = deferred<typeof w.hls.module>();
    const { playback, video, events } = w.make({
      loadEngine: () => load.promise,
      getPrivateToken: async () => 'pt2',
      ...timers.options,
    });
    await vi.waitFor(() => expect(events).toContain('state:loading'));
    playback.destroy();
    const count = events.length;
    load.resolve(w.hls.module);
    await settle();
    expect(w.hls.engines).toHaveLength(0);
    expect(timers.pending()).toEqual([]);
    expect(video.listeners).toBe(0);
    expect(events).toHaveLength(count);
  });

  it('two players; the first destroyed while its refusal renewal awaits getPrivateToken: the second resumes once renewed', async () => {
    const w = world();
    const token = deferred<string>();
    const getPrivateToken = vi.fn(() => token.promise);
    const a = w.make({ getPrivateToken });
    const b = w.make({ getPrivateToken });
    await vi.waitFor(() => expect(w.hls.engines).toHaveLength(2));
    const [ea, eb] = w.hls.engines as [
      NonNullable<(typeof w.hls.engines)[0]>,
      NonNullable<(typeof w.hls.engines)[0]>,
    ];
    w.kill();
    ea.hooks.onAssetRefused(403, `${base}/hls/360p/seg_001.ts?avh=st-1`);
    await vi.waitFor(() => expect(getPrivateToken).toHaveBeenCalledTimes(1));
    eb.hooks.onFatal(
      new PrivateVideoError('media', 'gave up', { status: 403, url: `${base}/hls/360p/seg_001.ts` }),
      403,
    );
    await settle();
    a.playback.destroy();
    w.revive();
    token.resolve('pt2');
    await vi.waitFor(() => expect(eb.calls.some((call) => call.startsWith('resume'))).toBe(true));
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    expect(ea.calls.filter((call) => call.startsWith('resume'))).toEqual([]);
    expect(b.events.filter((event) => event.startsWith('sessionrenewed'))).toHaveLength(1);
    expect(b.events).not.toContain('state:error');
    expect(a.events.filter((event) => event.startsWith('sessionrenewed'))).toEqual([]);
  });

  it('two players, a refusal renewal that fails: each reports it once', async () => {
    const w = world();
    const getPrivateToken = vi.fn(async () => Promise.reject(new Error('down')));
    const a = w.make({ getPrivateToken });
    const b = w.make({ getPrivateToken });
    await vi.waitFor(() => expect(w.hls.engines).toHaveLength(2));
    const [ea, eb] = w.hls.engines;
    w.kill();
    ea!.hooks.onAssetRefused(403, `${base}/hls/360p/seg_001.ts?avh=st-1`);
    eb!.hooks.onAssetRefused(403, `${base}/hls/360p/seg_001.ts?avh=st-1`);
    await settle();
    await settle();
    expect(a.events.filter((e) => e.startsWith('error'))).toEqual(['error:renewal-failed']);
    expect(b.events.filter((e) => e.startsWith('error'))).toEqual(['error:renewal-failed']);
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
  });

  it('destroyed during the scheduled renewal while getPrivateToken runs: no event, no timer after', async () => {
    const w = world();
    const timers = fakeTimers();
    const token = deferred<string>();
    const getPrivateToken = vi.fn(() => token.promise);
    w.client.video(source).setSession({ token: 'server', expiresAt: Date.now() + 120_000 });
    const { playback, video, events } = w.make({ getPrivateToken, ...timers.options });
    await vi.waitFor(() => expect(w.hls.engines).toHaveLength(1));
    video.paused = false;
    timers.pending()[0]!.callback();
    await vi.waitFor(() => expect(getPrivateToken).toHaveBeenCalledTimes(1));
    playback.destroy();
    const count = events.length;
    token.resolve('pt2');
    await settle();
    expect(events).toHaveLength(count);
    expect(timers.pending()).toEqual([]);
    expect(w.client.video(source).getState().status).toBe('open');
  });
});
