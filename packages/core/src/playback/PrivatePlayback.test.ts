import { createFakeDelivery, deferred, json } from '@private-video/test-utils';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { nativeEngine } from '../engines/nativeEngine.js';
import { PrivateVideoError } from '../errors/PrivateVideoError.js';
import { SessionClient } from '../session/SessionClient.js';
import { createFakeEngineModule, type FakeEngine, FakeVideo } from '../test-utils/fakePlayback.js';
import { fakeTimers } from '../test-utils/fakeTimers.js';
import type { EngineContext, EngineLoader } from './PlaybackEngine.js';
import { createPrivatePlayback, type PrivatePlayback } from './PrivatePlayback.js';
import type { PrivatePlaybackEvents, PrivatePlaybackOptions } from './types.js';

const base = 'https://vod.api.video/vod/vi1/token/pt1';
const source = { videoId: 'vi1', privateToken: 'pt1' };

type SetupOptions = PrivatePlaybackOptions & {
  /** The video played; `source` (on demand) by default. */
  video?: { videoId: string; privateToken: string; live?: boolean };
  supported?: boolean;
  sessionAlive?: boolean;
  now?: () => number;
};

function setup(options: SetupOptions = {}) {
  const delivery = createFakeDelivery();
  const client = new SessionClient({
    fetch: delivery.fetch,
    storage: null,
    sleep: async () => {},
    now: options.now,
  });
  const hls = createFakeEngineModule('hls.js', options.supported ?? true);
  const native = createFakeEngineModule('native');
  const loadEngine = vi.fn<EngineLoader>(async (name) => (name === 'native' ? native.module : hls.module));
  let alive = options.sessionAlive ?? true;
  /** What the session check's probe answers, when the test sets it; else 200 or 404 by `alive`. */
  let probeStatus: number | undefined;
  const checks: string[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    checks.push(String(input));
    return new Response('', { status: probeStatus ?? (alive ? 200 : 404) });
  });
  const video = new FakeVideo();
  const playback = createPrivatePlayback(video.asElement(), options.video ?? source, {
    client,
    loadEngine,
    fetch,
    ...options,
  });
  const events: string[] = [];
  playback.on('state', (state) => events.push(state));
  return {
    client,
    delivery,
    hls,
    native,
    loadEngine,
    video,
    playback,
    events,
    checks,
    killSession: () => {
      alive = false;
    },
    answerProbe: (status: number) => {
      probeStatus = status;
    },
    engine: async (module = hls) => {
      await vi.waitFor(() => expect(module.engines.length).toBeGreaterThan(0));
      return module.engines.at(-1)!;
    },
  };
}

function next<TType extends keyof PrivatePlaybackEvents>(playback: PrivatePlayback, type: TType) {
  return new Promise<PrivatePlaybackEvents[TType]>((resolve) => {
    const off = playback.on(type, (event) => {
      off();
      resolve(event);
    });
  });
}

/**
 * Lets every pending promise continuation run: the fakes answer at once and no timer is involved, so
 * what the controller would do next has been done. For asserting that something did not happen.
 */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The media fails as in Chromium: the element has its error and is paused already when the engine gives up;
 * its `pause` comes after. Resolves once the controller has fallen back.
 */
async function failAsChromiumDoes(video: FakeVideo, playback: PrivatePlayback, engine: FakeEngine) {
  video.error = { code: 2 } as MediaError;
  video.paused = true;
  const fallback = next(playback, 'fallback');
  engine.hooks.onFatal(mediaError());
  video.fire('pause');
  await fallback;
}

const mediaError = (status?: number) =>
  new PrivateVideoError('media', 'gave up', { status, url: `${base}/hls/x.ts` });

describe('PrivatePlayback: start', () => {
  it('opens the session, then loads the signed manifest in hls.js', async () => {
    const { engine, delivery, events, video, playback } = setup();
    const hls = await engine();
    expect(delivery.requests).toEqual([`${base}/session`]);
    expect(hls.calls).toEqual([`hls ${base}/hls/manifest.m3u8?avh=st-1`]);
    video.fire('loadeddata');
    expect(events).toEqual(['opening-session', 'loading', 'playing']);
    expect(playback.getSource()).toBe('hls');
  });

  it.each([
    ['a session the server opened', { session: { token: 'server', expiresAt: Date.now() + 60_000 } }],
    ['a public video', { video: { videoId: 'vi1' } as SetupOptions['video'] }],
  ])("goes straight to 'loading' with %s: there is no session to open", async (_what, options) => {
    const { engine, delivery, events, video } = setup(options);
    await engine();
    video.fire('loadeddata');
    expect(events).toEqual(['loading', 'playing']);
    expect(delivery.requests).toEqual([]);
  });

  it("says 'opening-session' for a session the server opened that has expired: it is renewed", async () => {
    const { engine, events } = setup({
      session: { token: 'server', expiresAt: Date.now() - 1 },
      getPrivateToken: async () => 'pt2',
    });
    await engine();
    expect(events).toEqual(['opening-session', 'loading']);
  });

  it("tells what plays once the engine has its source, which may load nothing yet (preload none): 'source'", async () => {
    const { engine, playback } = setup();
    const sources: string[] = [];
    playback.on('source', (source) => sources.push(`${source} ${playback.getSource()}`));
    const hls = await engine();
    expect(hls.calls).toHaveLength(1);
    expect(sources).toEqual(['hls hls']); // before any media event
    hls.hooks.onFatal(mediaError());
    await vi.waitFor(() => expect(sources).toEqual(['hls hls', 'mp4 mp4']));
  });

  it("hands each engine it creates, with its library's object, to the app before it loads anything: 'engine'", async () => {
    const { engine, playback, native } = setup({ supported: false });
    const seen: string[] = [];
    playback.on('engine', ({ name, instance }) =>
      seen.push(`${name} ${(instance as { library: string }).library} ${native.engines.length}`),
    );
    const created = await engine(native);
    expect(seen).toEqual(['native native 1']);
    expect(created.calls).toHaveLength(1); // loaded after the event
  });

  it("loads nothing into an engine whose 'engine' listener ended the playback", async () => {
    const { playback, hls } = setup();
    playback.on('engine', () => playback.destroy());
    await vi.waitFor(() => expect(hls.engines).toHaveLength(1));
    expect(hls.engines[0]!.calls).toEqual(['destroy']);
    expect(playback.getSource()).toBeUndefined();
  });

  it('plays the mp4 when the engine is not supported here (never canPlayType first)', async () => {
    const { engine, native } = setup({ supported: false });
    expect((await engine(native)).calls).toEqual([`mp4 ${base}/mp4/source.mp4?avh=st-1`]);
  });

  it('plays the signed mp4 with the native engine, and HLS natively only when asked', async () => {
    const mp4 = setup({ engine: 'native' });
    expect((await mp4.engine(mp4.native)).calls).toEqual([`mp4 ${base}/mp4/source.mp4?avh=st-1`]);
    const nativeHls = setup({ engine: 'native', nativeHls: true });
    nativeHls.loadEngine.mockImplementation(async () => nativeHls.native.module);
    expect((await nativeHls.engine(nativeHls.native)).calls).toEqual([
      `hls ${base}/hls/manifest.m3u8?avh=st-1`,
    ]);
  });

  it('fails with the typed session error and starts no engine for a used token', async () => {
    const { delivery, playback, hls } = setup({ autoPlay: true });
    delivery.spend('pt1');
    const error = await next(playback, 'error');
    expect(error).toMatchObject({ code: 'token-used' });
    expect(playback.getState()).toBe('error');
    expect(hls.engines).toEqual([]);
    expect(delivery.fetch).toHaveBeenCalledTimes(1);
  });

  it('loads no engine for a session that already failed for good (e.g. its thumbnail found the token spent)', async () => {
    const delivery = createFakeDelivery();
    const client = new SessionClient({ fetch: delivery.fetch, storage: null });
    delivery.spend('pt1');
    await expect(client.getSession(source)).rejects.toMatchObject({ code: 'token-used' });
    const loadEngine = vi.fn<EngineLoader>(async () => createFakeEngineModule('hls.js').module);
    const playback = createPrivatePlayback(new FakeVideo().asElement(), source, { client, loadEngine });
    await expect(next(playback, 'error')).resolves.toMatchObject({ code: 'token-used' });
    expect(loadEngine).not.toHaveBeenCalled();
  });

  /** A client whose thumbnail lost the token: its first attempt opened a session, but got a 503 for answer. */
  async function clientWithLostToken() {
    const delivery = createFakeDelivery();
    const client = new SessionClient({ fetch: delivery.fetch, storage: null, sleep: async () => {} });
    delivery.answer(() => {
      delivery.spend('pt1');
      return new Response('', { status: 503 });
    });
    const lost = await client.getSession(source).catch((error: unknown) => error);
    expect(lost).toMatchObject({ code: 'token-used', cause: { code: 'server' } });
    return client;
  }

  it('renews, with its own getPrivateToken, a token its thumbnail lost to an attempt that got no answer', async () => {
    const client = await clientWithLostToken();
    const hls = createFakeEngineModule('hls.js');
    const getPrivateToken = vi.fn(async () => 'pt2');
    const playback = createPrivatePlayback(new FakeVideo().asElement(), source, {
      client,
      loadEngine: async () => hls.module,
      getPrivateToken,
    });
    await vi.waitFor(() => expect(hls.engines).toHaveLength(1));
    expect(hls.engines[0]!.calls).toEqual([
      'hls https://vod.api.video/vod/vi1/token/pt2/hls/manifest.m3u8?avh=st-1',
    ]);
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    expect(playback.getState()).toBe('loading');
  });

  it('downloads its engine while it renews a token its thumbnail lost, not after', async () => {
    const client = await clientWithLostToken();
    const token = deferred<string>();
    const loadEngine = vi.fn<EngineLoader>(async () => createFakeEngineModule('hls.js').module);
    createPrivatePlayback(new FakeVideo().asElement(), source, {
      client,
      loadEngine,
      getPrivateToken: () => token.promise,
    });
    await vi.waitFor(() => expect(client.video(source).getState().status).toBe('renewing'));
    expect(loadEngine).toHaveBeenCalledTimes(1);
    token.resolve('pt2');
  });

  it('still loads the engine while the session opens again after a network failure', async () => {
    const delivery = createFakeDelivery();
    const client = new SessionClient({ fetch: delivery.fetch, storage: null, sleep: async () => {} });
    delivery.answer(new TypeError('offline'), new TypeError('offline'), new TypeError('offline'));
    await expect(client.getSession(source)).rejects.toMatchObject({ code: 'network' });
    const response = deferred<Response>();
    delivery.answer(() => response.promise);
    const hls = createFakeEngineModule('hls.js');
    const loadEngine = vi.fn<EngineLoader>(async () => hls.module);
    createPrivatePlayback(new FakeVideo().asElement(), source, { client, loadEngine });
    await vi.waitFor(() => expect(delivery.fetch).toHaveBeenCalledTimes(4));
    expect(loadEngine).toHaveBeenCalledWith('hls.js'); // before the session is open
    response.resolve(json({ session_token: 'st-again' }));
    await vi.waitFor(() => expect(hls.engines).toHaveLength(1));
    expect(hls.engines[0]!.calls).toEqual([`hls ${base}/hls/manifest.m3u8?avh=st-again`]);
  });

  it('loads the engine while the session opens, and attaches it once the session is open', async () => {
    const response = deferred<Response>();
    const { delivery, loadEngine, playback, hls } = setup();
    delivery.answer(() => response.promise);
    await vi.waitFor(() => expect(delivery.fetch).toHaveBeenCalledTimes(1));
    expect(loadEngine).toHaveBeenCalledWith('hls.js');
    expect(playback.getState()).toBe('opening-session');
    expect(hls.engines).toEqual([]);
    response.resolve(json({ session_token: 'st-held' }));
    await vi.waitFor(() => expect(hls.engines).toHaveLength(1));
    expect(hls.engines[0]!.calls).toEqual([`hls ${base}/hls/manifest.m3u8?avh=st-held`]);
  });

  it('fails with the engine error once the session is open, when the engine cannot load', async () => {
    const { playback, loadEngine, delivery } = setup();
    loadEngine.mockRejectedValueOnce(new Error('chunk failed'));
    const error = await next(playback, 'error');
    // Most likely offline: `network` tells the viewer to check the connection (and "Try again" loads it again).
    expect(error).toMatchObject({
      code: 'network',
      message: expect.stringMatching(/hls\.js.*chunk failed/),
      cause: expect.objectContaining({ message: 'chunk failed' }),
    });
    expect(delivery.fetch).toHaveBeenCalledTimes(1);
  });

  it('names the engine whose download failed after the session opened (the mp4 where HLS cannot play)', async () => {
    const { playback, loadEngine } = setup({ supported: false });
    loadEngine.mockImplementation(async (name) => {
      if (name === 'native') throw new TypeError('Failed to fetch dynamically imported module');
      return createFakeEngineModule('hls.js', false).module;
    });
    const error = await next(playback, 'error');
    expect(error).toMatchObject({ code: 'network', message: expect.stringContaining('native') });
  });

  it.each(['videojs', 'hls', 'HLS.js'])(
    'fails as unsupported for an unknown engine name (%s), before any request',
    async (name) => {
      const { playback, delivery, loadEngine, video } = setup({ engine: name as 'hls.js' });
      const error = await next(playback, 'error');
      expect(error).toMatchObject({
        code: 'unsupported',
        message: `Unknown engine "${name}": expected "hls.js", "video.js" or "native".`,
      });
      expect(delivery.requests).toEqual([]);
      expect(loadEngine).not.toHaveBeenCalled();
      expect(video.src).toBe('');
    },
  );

  it('keeps the typed error a custom loadEngine fails with', async () => {
    const { playback, loadEngine } = setup();
    loadEngine.mockRejectedValueOnce(new PrivateVideoError('unsupported', 'no engine for this page'));
    await expect(next(playback, 'error')).resolves.toMatchObject({ code: 'unsupported' });
  });

  it('plays a VideoSession as it is, whichever client owns it, with no second /session', async () => {
    const [own, other] = [createFakeDelivery(), createFakeDelivery()];
    const videoSession = new SessionClient({ fetch: own.fetch, storage: null }).video(source);
    await videoSession.open();
    const hls = createFakeEngineModule('hls.js');
    const playback = createPrivatePlayback(new FakeVideo().asElement(), videoSession, {
      // Names another client: a VideoSession must not be looked up in it.
      client: new SessionClient({ fetch: other.fetch, storage: null }),
      loadEngine: async () => hls.module,
    });
    expect(playback.session).toBe(videoSession);
    await vi.waitFor(() => expect(hls.engines).toHaveLength(1));
    expect(hls.engines[0]?.calls).toEqual([`hls ${base}/hls/manifest.m3u8?avh=st-1`]);
    expect(own.requests).toEqual([`${base}/session`]);
    expect(other.fetch).not.toHaveBeenCalled();
    playback.destroy();
  });

  it('uses a server-opened session without any session request', async () => {
    const { engine, delivery } = setup({ session: { token: 'server', expiresAt: Date.now() + 60_000 } });
    expect((await engine()).calls).toEqual([`hls ${base}/hls/manifest.m3u8?avh=server`]);
    expect(delivery.fetch).not.toHaveBeenCalled();
  });

  it('keeps the rate the element had before the engine set its source (which resets it)', async () => {
    const video = new FakeVideo();
    video.playbackRate = 1.5;
    const client = new SessionClient({ fetch: createFakeDelivery().fetch, storage: null });
    createPrivatePlayback(video.asElement(), source, {
      client,
      engine: 'native',
      loadEngine: async () => nativeEngine,
    });
    await vi.waitFor(() => expect(video.src).toContain('/mp4/source.mp4?avh='));
    expect(video.playbackRate).toBe(1);
    video.fire('loadedmetadata');
    expect(video.playbackRate).toBe(1.5);
  });

  it("gives the engine the start position, so hls.js fetches nothing before it, and the app's answerTimeout", async () => {
    const contexts: EngineContext[] = [];
    const hls = createFakeEngineModule('hls.js');
    createPrivatePlayback(new FakeVideo().asElement(), source, {
      client: new SessionClient({ fetch: createFakeDelivery().fetch, storage: null }),
      startTime: 4,
      answerTimeout: 30_000,
      loadEngine: async () => ({
        ...hls.module,
        createEngine: (context) => {
          contexts.push(context);
          return hls.module.createEngine(context);
        },
      }),
    });
    await vi.waitFor(() => expect(contexts).toHaveLength(1));
    expect(contexts[0]).toMatchObject({ startPosition: 4, answerTimeout: 30_000 });
  });

  it('seeks to startTime and plays once the media has loaded', async () => {
    const { engine, video } = setup({ startTime: 4, autoPlay: true });
    await engine();
    video.fire('loadedmetadata');
    expect(video.currentTime).toBe(4);
    expect(video.play).toHaveBeenCalledTimes(1);
  });
});

describe('PrivatePlayback: HLS → mp4 fallback', () => {
  it('tells the engine when the viewer waits for the picture, so that it gives up on a failing request sooner', async () => {
    const auto = setup({ autoPlay: true });
    const { hooks } = await auto.engine();
    expect(hooks.waiting()).toBe(true); // autoPlay's play is coming: nothing has loaded
    auto.video.readyState = 3; // loaded enough to play
    expect(hooks.waiting()).toBe(false);
    auto.video.readyState = 2; // the buffer ran out, before autoPlay played (the play pending still counts)
    expect(hooks.waiting()).toBe(true);
    auto.video.fire('play');
    auto.video.paused = true; // the viewer paused since
    auto.video.fire('pause');
    expect(hooks.waiting()).toBe(false);
    const clicked = setup();
    const other = await clicked.engine();
    expect(other.hooks.waiting()).toBe(false); // no play asked for: nobody waits
    clicked.video.paused = false;
    clicked.video.fire('play');
    expect(other.hooks.waiting()).toBe(true);
  });

  it('tells the engine the viewer waits once they played and a source that failed before it loaded paused the element', async () => {
    const { engine, video } = setup();
    const { hooks } = await engine();
    await video.play(); // with preload="none", nothing loads before the viewer plays
    video.paused = true; // its failure reset the element: nothing loaded, and no pause of the viewer's
    expect(hooks.waiting()).toBe(true);
  });

  it('switches to the signed mp4 at the same position, rate and play state', async () => {
    const { engine, video, playback } = setup();
    const hls = await engine();
    video.fire('loadedmetadata'); // HLS had loaded, and played since
    video.currentTime = 7.5;
    video.paused = false;
    video.playbackRate = 1.5;
    const fallback = next(playback, 'fallback');
    hls.hooks.onFatal(mediaError());
    await expect(fallback).resolves.toMatchObject({
      from: 'hls',
      to: 'mp4',
      position: 7.5,
      reason: { code: 'media' },
    });
    expect(hls.calls.at(-1)).toBe(`mp4 ${base}/mp4/source.mp4?avh=st-1`);
    video.currentTime = 0;
    video.playbackRate = 1;
    video.fire('loadedmetadata');
    expect([video.currentTime, video.playbackRate]).toEqual([7.5, 1.5]);
    expect(video.play).toHaveBeenCalled();
    expect(playback.getState()).toBe('fallback');
    expect(playback.getSource()).toBe('mp4');
  });

  it.each([
    [
      'plays the mp4 when the browser paused the failed element (Chromium does, before its error)',
      false,
      true,
    ],
    ['keeps paused the mp4 of a video the viewer paused before it failed', true, false],
  ])('%s', async (_name, viewerPaused, plays) => {
    const { engine, video, playback } = setup();
    const hls = await engine();
    video.fire('loadedmetadata');
    await video.play();
    if (viewerPaused) {
      video.paused = true;
      video.fire('pause');
    }
    video.currentTime = 7.5;
    await failAsChromiumDoes(video, playback, hls);
    video.fire('loadedmetadata');
    expect(video.currentTime).toBe(7.5);
    expect(video.play).toHaveBeenCalledTimes(plays ? 2 : 1);
  });

  it('plays the mp4 when Chromium pauses the failed element while its refusal is checked', async () => {
    const { engine, video, playback } = setup(); // the check finds the session alive: the asset is missing
    const hls = await engine();
    video.fire('loadedmetadata');
    await video.play();
    video.error = { code: 2 } as MediaError;
    video.paused = true;
    const fallback = next(playback, 'fallback');
    hls.hooks.onFatal(mediaError(404), 404);
    video.fire('pause'); // the browser's, not the viewer's: it comes while the session is checked
    await fallback;
    video.fire('loadedmetadata');
    expect(video.play).toHaveBeenCalledTimes(2);
  });

  it('plays the mp4 of a failed element that the viewer played before the session opened', async () => {
    const { engine, video, playback } = setup();
    await video.play(); // no source yet: the element waits for one, playing
    const hls = await engine();
    video.fire('loadedmetadata');
    await failAsChromiumDoes(video, playback, hls);
    video.fire('loadedmetadata');
    expect(video.play).toHaveBeenCalledTimes(2);
  });

  it('keeps what the engine says the viewer had when the renewal for its refusal fails, for a retry', async () => {
    const { engine, video, playback, killSession } = setup();
    const hls = await engine();
    video.fire('loadedmetadata');
    // The engine reloaded its source (a resume), which reset the element, and that load was refused.
    Object.assign(video, { currentTime: 0, paused: true });
    killSession();
    const error = next(playback, 'error');
    hls.hooks.onFatal(mediaError(403), 403, { position: 30, play: true, rate: 1.5 });
    await expect(error).resolves.toMatchObject({ code: 'session-expired' }); // no getPrivateToken
    expect(playback.getPosition()).toBe(30);
    expect(playback.getViewerState()).toMatchObject({ position: 30, playing: true, rate: 1.5 });
  });

  it("restores what the engine says the viewer had, when the element holds its own source's reset", async () => {
    const { engine, video, playback } = setup({ autoPlay: true, startTime: 2 });
    const hls = await engine();
    video.fire('loadedmetadata'); // autoPlay played it
    video.play.mockClear();
    // The engine set a source itself (a recovery, a resume), which reset the element, and gave up on it.
    Object.assign(video, { currentTime: 0, paused: true, playbackRate: 1 });
    const fallback = next(playback, 'fallback');
    hls.hooks.onFatal(mediaError(), undefined, { position: 7.5, play: true, rate: 1.5 });
    await expect(fallback).resolves.toMatchObject({ position: 7.5 });
    video.fire('loadedmetadata');
    expect([video.currentTime, video.playbackRate, video.play.mock.calls.length]).toEqual([7.5, 1.5, 1]);
  });

  it('keeps a paused video paused', async () => {
    const { engine, video } = setup();
    const hls = await engine();
    video.currentTime = 3;
    hls.hooks.onFatal(mediaError());
    video.fire('loadedmetadata');
    expect(video.play).not.toHaveBeenCalled();
  });

  it('keeps a video paused since autoPlay started it paused', async () => {
    const { engine, video } = setup({ autoPlay: true });
    const hls = await engine();
    video.fire('loadstart');
    video.fire('loadedmetadata');
    expect(video.play).toHaveBeenCalledTimes(1);
    video.paused = true; // the user paused
    video.currentTime = 3;
    hls.hooks.onFatal(mediaError());
    video.fire('loadstart');
    video.fire('loadedmetadata');
    expect(video.play).toHaveBeenCalledTimes(1);
  });

  it('plays the mp4 with autoPlay when HLS failed before playback started', async () => {
    const { engine, video } = setup({ autoPlay: true });
    (await engine()).hooks.onFatal(mediaError());
    video.fire('loadstart');
    video.fire('loadedmetadata');
    expect(video.play).toHaveBeenCalledTimes(1);
  });

  it('plays the mp4 at the rate the element had when HLS failed before anything loaded', async () => {
    const { engine, video } = setup({ startTime: 2 });
    video.playbackRate = 1.5; // the viewer's speed, set before the player started
    const hls = await engine();
    video.load(); // what attaching HLS did: the rate is back to the default
    hls.hooks.onFatal(mediaError());
    video.fire('loadedmetadata');
    expect([video.currentTime, video.playbackRate]).toEqual([2, 1.5]);
  });

  it('with autoPlay, plays a live stream once its source starts loading, not after its metadata', async () => {
    // video.js loads no segment of a live stream before it plays: no metadata would ever come.
    const live = setup({ autoPlay: true, video: { videoId: 'li1', privateToken: 'pt1', live: true } });
    // The fake delivery knows on-demand session paths only: a live session answers as it would.
    live.delivery.answer(json({ session_token: 'st-live' }));
    await live.engine();
    live.video.fire('loadstart');
    expect(live.video.play).toHaveBeenCalledTimes(1);
    live.video.fire('loadedmetadata');
    expect(live.video.play).toHaveBeenCalledTimes(1);
    // On demand, as before: after the metadata (a source may still change, e.g. to the mp4).
    const onDemand = setup({ autoPlay: true });
    await onDemand.engine();
    onDemand.video.fire('loadstart');
    expect(onDemand.video.play).not.toHaveBeenCalled();
    onDemand.video.fire('loadedmetadata');
    expect(onDemand.video.play).toHaveBeenCalledTimes(1);
  });

  it('with autoPlay and a startTime, plays a live stream once its source starts loading, then seeks', async () => {
    const live = setup({
      autoPlay: true,
      startTime: 4,
      video: { videoId: 'li1', privateToken: 'pt1', live: true },
    });
    live.delivery.answer(json({ session_token: 'st-live' }));
    await live.engine();
    live.video.fire('loadstart');
    expect(live.video.play).toHaveBeenCalledTimes(1);
    live.video.fire('loadedmetadata');
    expect([live.video.currentTime, live.video.play.mock.calls.length]).toEqual([4, 1]);
  });

  it('with autoPlay, plays a live stream again when its source is set again before it loaded (a renewal)', async () => {
    const live = setup({ autoPlay: true, video: { videoId: 'li1', privateToken: 'pt1', live: true } });
    live.delivery.answer(json({ session_token: 'st-live' }));
    await live.engine();
    live.video.fire('loadstart');
    expect(live.video.play).toHaveBeenCalledTimes(1);
    // Its playlist was refused (a dead session): once renewed, the engine sets the source again, which
    // pauses the element; nothing else would play it (video.js would not even load it, being live).
    live.video.load();
    live.video.fire('loadstart');
    expect(live.video.play).toHaveBeenCalledTimes(2);
    live.video.fire('loadedmetadata');
    live.video.fire('loadstart'); // once loaded, the play state is the viewer's
    expect(live.video.play).toHaveBeenCalledTimes(2);
    // The controller's own: loadeddata, play, pause, loadedmetadata, timeupdate.
    expect(live.video.listeners).toBe(5);
  });

  it('falls back once when two refusal failures wait on the same session check', async () => {
    const { engine, playback, checks } = setup();
    const hls = await engine();
    const errors: unknown[] = [];
    playback.on('error', (error) => errors.push(error));
    const fallback = next(playback, 'fallback');
    hls.hooks.onFatal(mediaError(404), 404);
    hls.hooks.onFatal(mediaError(403), 403);
    await fallback;
    await settle();
    expect(checks).toHaveLength(1);
    expect(errors).toEqual([]);
    expect(hls.calls.at(-1)).toBe(`mp4 ${base}/mp4/source.mp4?avh=st-1`);
    expect(playback.getState()).toBe('fallback');
  });

  it('resumes once when two refusals of requests on a session renewed since wait on the same check', async () => {
    const { engine, client, playback, video } = setup({ getPrivateToken: async () => 'pt2' });
    const hls = await engine();
    video.fire('loadedmetadata');
    video.currentTime = 20;
    const events: string[] = [];
    playback.on('fallback', () => events.push('fallback'));
    playback.on('error', (error) => events.push(`error ${error.code}`));
    // Another player of the video renewed the session: requests made on the old one are refused.
    await client.video(source).renew({ getPrivateToken: async () => 'pt2' });
    hls.calls.length = 0;
    const refused = () =>
      new PrivateVideoError('media', 'gave up', { status: 403, url: `${base}/hls/360p/seg_3.ts` });
    hls.hooks.onFatal(refused(), 403);
    hls.hooks.onFatal(refused(), 403);
    await vi.waitFor(() => expect(hls.calls).toContain('resume 20'));
    await settle();
    await settle();
    expect(hls.calls).toEqual(['resume 20']);
    expect(events).toEqual([]);
  });

  it('loads the mp4 once more for two reports of its failure before any of it loaded, and fails on neither', async () => {
    const { engine, playback } = setup();
    const hls = await engine();
    const events: string[] = [];
    playback.on('error', (error) => events.push(`error ${error.code}`));
    hls.hooks.onFatal(mediaError()); // to the mp4
    await vi.waitFor(() => expect(playback.getSource()).toBe('mp4'));
    hls.calls.length = 0;
    hls.hooks.onFatal(mediaError()); // nothing of it loaded, reported twice
    hls.hooks.onFatal(mediaError());
    await vi.waitFor(() => expect(hls.calls).toContain('resume 0'));
    await settle();
    await settle();
    expect(hls.calls).toEqual(['resume 0']);
    expect(events).toEqual([]);
  });

  it('tells the engine while it checks the session of a refusal (video.js holds its stall watch)', async () => {
    const { engine } = setup();
    const hls = await engine();
    expect(hls.context.renewing?.()).toBe(false);
    hls.hooks.onAssetRefused(404, `${base}/hls/360p/seg_003.ts?avh=st-1`);
    expect(hls.context.renewing?.()).toBe(true);
    await settle();
    expect(hls.context.renewing?.()).toBe(false); // alive: the asset is missing, nothing renews
  });

  it('tells the engine while it renews a session it found dead, not while it only checks it', async () => {
    const token = deferred<string>();
    const getPrivateToken = vi.fn(() => token.promise);
    const { engine, killSession } = setup({ getPrivateToken });
    const hls = await engine();
    hls.hooks.onAssetRefused(404, `${base}/hls/360p/seg_003.ts?avh=st-1`);
    expect(hls.context.renewingSession?.()).toBe(false); // checking: the asset may only be missing
    await settle();
    killSession();
    hls.hooks.onAssetRefused(404, `${base}/hls/360p/seg_004.ts?avh=st-1`);
    await vi.waitFor(() => expect(getPrivateToken).toHaveBeenCalled());
    expect(hls.context.renewingSession?.()).toBe(true); // dead: every asset is refused until the resume
    token.resolve('pt2');
    await vi.waitFor(() => expect(hls.calls.at(-1)).toMatch(/^resume/));
    expect(hls.context.renewingSession?.()).toBe(false);
  });

  it('leaves missing assets to hls.js: its non-fatal refusals never fall back by themselves', async () => {
    const { engine, playback } = setup();
    const hls = await engine();
    const fallbacks: unknown[] = [];
    playback.on('fallback', (event) => fallbacks.push(event));
    // hls.js reports each of its retries of a refused fragment, before it retries or switches rendition.
    for (let i = 0; i < 5; i++) hls.hooks.onAssetRefused(404, `${base}/hls/360p/seg_003.ts?avh=st-1`);
    await settle();
    expect(fallbacks).toEqual([]);
    // hls.js gives up after its own retries and rendition switches: that fatal error is the reason.
    const gaveUp = mediaError(404);
    const fallback = next(playback, 'fallback');
    hls.hooks.onFatal(gaveUp, 404);
    await expect(fallback).resolves.toMatchObject({ reason: gaveUp });
    expect(hls.calls.filter((call) => call.startsWith('mp4'))).toHaveLength(1);
  });

  it('falls back on a 404 when the session is alive: a missing asset, not an expired session', async () => {
    const { engine, playback, checks } = setup();
    const hls = await engine();
    const fallback = next(playback, 'fallback');
    hls.hooks.onFatal(mediaError(404), 404);
    await expect(fallback).resolves.toMatchObject({ to: 'mp4' });
    expect(checks).toEqual([`${base}/hls/manifest.m3u8?avh=st-1`]);
  });

  it('keeps position, rate and play state when the mp4 is refused at once and renewed', async () => {
    const { video, playback, killSession } = setup({
      engine: 'native',
      nativeHls: true,
      loadEngine: async () => nativeEngine,
      getPrivateToken: async () => 'pt2',
    });
    await vi.waitFor(() => expect(video.src).toContain('/hls/manifest.m3u8'));
    video.fire('loadedmetadata');
    Object.assign(video, { paused: false, playbackRate: 1.5, currentTime: 7 });
    const fail = () => {
      video.error = { code: 2, message: '' } as MediaError;
      video.fire('error');
    };
    fail(); // native HLS gave up, the session is alive: to the mp4
    await vi.waitFor(() => expect(playback.getSource()).toBe('mp4'));
    killSession();
    fail(); // the mp4 is refused before it loaded anything: the session died meanwhile
    await vi.waitFor(() => expect(video.src).toContain('/token/pt2/mp4/source.mp4?avh=st-2'));
    video.fire('loadedmetadata');
    expect([video.currentTime, video.playbackRate, video.paused]).toEqual([7, 1.5, false]);
  });

  it('reports an error instead when fallback is off', async () => {
    const { engine, playback } = setup({ fallback: false });
    const error = next(playback, 'error');
    (await engine()).hooks.onFatal(mediaError());
    await expect(error).resolves.toMatchObject({ code: 'media' });
  });

  it('keeps the position it failed at, which the engine teardown resets, for a retry to start there', async () => {
    const { engine, playback, video } = setup({ fallback: false });
    const hls = await engine();
    hls.destroy = () => video.load(); // as a real engine's teardown does: the element goes back to 0 s
    video.fire('loadedmetadata');
    video.currentTime = 7.5;
    const error = next(playback, 'error');
    hls.hooks.onFatal(mediaError());
    await error;
    expect(video.currentTime).toBe(0);
    expect(playback.getPosition()).toBe(7.5);
  });

  it('reports a typed error when the mp4 fails too', async () => {
    const { engine, playback, video } = setup();
    const hls = await engine();
    hls.hooks.onFatal(mediaError());
    video.fire('loadedmetadata'); // the mp4 loaded: what fails now is not its first answer
    const error = next(playback, 'error');
    hls.hooks.onFatal(mediaError());
    await expect(error).resolves.toMatchObject({ code: 'media' });
    expect(hls.calls.at(-1)).toBe('destroy');
  });

  it('loads an mp4 that failed before any of it loaded once more (a first answer cut short), then fails', async () => {
    const { engine, playback, checks } = setup();
    const hls = await engine();
    hls.hooks.onFatal(mediaError()); // to the mp4
    hls.hooks.onFatal(mediaError()); // nothing of it loaded: Chromium's MediaError 4 for a cut or a bad file
    await vi.waitFor(() => expect(hls.calls.at(-1)).toBe('resume 0'));
    const error = next(playback, 'error');
    hls.hooks.onFatal(mediaError()); // again: a file the browser cannot read
    await expect(error).resolves.toMatchObject({ code: 'media' });
    expect(hls.calls.filter((call) => call.startsWith('resume'))).toEqual(['resume 0']);
    expect(checks).toHaveLength(2); // each failure checked the session first: alive, nothing to renew
  });

  it('keeps a video the viewer paused paused when the mp4 it fell back to loads once more', async () => {
    const { engine, video } = setup();
    const hls = await engine();
    video.fire('loadedmetadata');
    await video.play(); // the viewer played…
    video.paused = true; // …and paused
    video.fire('pause');
    video.currentTime = 3;
    hls.hooks.onFatal(mediaError()); // to the mp4, paused
    video.readyState = 0;
    hls.hooks.onFatal(mediaError()); // nothing of it loaded: loaded once more
    await vi.waitFor(() => expect(hls.calls.at(-1)).toBe('resume 3'));
    video.fire('loadedmetadata');
    expect(video.play).toHaveBeenCalledTimes(1); // the viewer's own
  });

  it('loads the mp4 once more again for a later load, once one played (a renewal or a stall reloads it)', async () => {
    const { engine, playback, video } = setup();
    const hls = await engine();
    hls.hooks.onFatal(mediaError()); // to the mp4
    hls.hooks.onFatal(mediaError()); // nothing of it loaded: once more
    await vi.waitFor(() => expect(hls.calls.at(-1)).toBe('resume 0'));
    video.fire('loadeddata'); // that load played
    video.currentTime = 100;
    hls.calls.length = 0;
    video.readyState = 0; // a later load reset the element, and its first answer was cut short too
    hls.hooks.onFatal(mediaError());
    await vi.waitFor(() => expect(hls.calls).toEqual(['resume 100']));
    expect(playback.getState()).not.toBe('error');
  });

  it('loads the mp4 only once more, however often it fails before loading', async () => {
    const { engine, playback, video } = setup();
    const hls = await engine();
    hls.hooks.onFatal(mediaError());
    hls.hooks.onFatal(mediaError());
    await vi.waitFor(() => expect(hls.calls.at(-1)).toBe('resume 0'));
    video.fire('loadedmetadata'); // that load worked; the element resets on the next source
    video.readyState = 0;
    const error = next(playback, 'error');
    hls.hooks.onFatal(mediaError());
    await expect(error).resolves.toMatchObject({ code: 'media' });
  });
});

describe("PrivatePlayback: a page's Content-Security-Policy", () => {
  /** The page's `document`, which the browser tells of each violation (Node has none). */
  function stubDocument() {
    const document = new EventTarget();
    vi.stubGlobal('document', document);
    onTestFinished(() => {
      vi.unstubAllGlobals();
    });
    const violation = (blockedURI: string, effectiveDirective: string) =>
      document.dispatchEvent(
        Object.assign(new Event('securitypolicyviolation'), { blockedURI, effectiveDirective }),
      );
    return { document, violation };
  }

  it('falls back to the mp4 when it refuses blob: to HLS (media-src, worker-src), and no sooner', async () => {
    const { violation } = stubDocument();
    const { engine, playback } = setup();
    const hls = await engine();
    const fallbacks: PrivateVideoError[] = [];
    playback.on('fallback', ({ reason }) => fallbacks.push(reason));
    violation('https://cdn.example/font.woff2', 'font-src'); // the app's own, nothing of ours
    violation('blob', 'img-src');
    expect(fallbacks).toEqual([]);
    violation('blob', 'worker-src');
    violation('blob', 'worker-src'); // VHS tries more than one worker
    expect(fallbacks).toMatchObject([
      {
        code: 'unsupported',
        message: expect.stringContaining('blocks blob: in worker-src, which hls.js needs'),
      },
    ]);
    expect(hls.calls.at(-1)).toMatch(/^mp4 /);
    expect(playback.getState()).not.toBe('error');
  });

  it('stops listening when destroyed', async () => {
    const { document } = stubDocument();
    const removed = vi.spyOn(document, 'removeEventListener');
    const { engine, playback } = setup();
    await engine();
    playback.destroy();
    expect(removed).toHaveBeenCalledWith('securitypolicyviolation', expect.any(Function));
  });
});

describe('PrivatePlayback: a connection dropped mid-play', () => {
  /** What the browser reports for the mp4 it plays: only that the media failed, no status. */
  const mp4Failure = () =>
    new PrivateVideoError('media', 'The browser could not play the media (MediaError 2).');
  /** What an engine reports for a segment that got no answer at all. */
  const unanswered = () =>
    new PrivateVideoError('network', 'gave up: fragLoadError', { url: `${base}/hls/x.ts` });
  /** A delivery the viewer cannot reach until `back()`: the session checks' `fetch`. */
  function connection() {
    let online = false;
    const fetch = vi.fn<typeof globalThis.fetch>(async () => {
      if (!online) throw new TypeError('Failed to fetch');
      return new Response('', { status: 200 });
    });
    const back = () => {
      online = true;
    };
    return { fetch, back };
  }
  /** Fires the pending wait of `ms` (the one timer of that length), then lets the check it starts answer. */
  async function waitOut(timers: ReturnType<typeof fakeTimers>, ms: number) {
    await vi.waitFor(() => expect(timers.pending().map((timer) => timer.ms)).toContain(ms));
    timers
      .pending()
      .find((timer) => timer.ms === ms)!
      .callback();
    await settle();
  }

  it.each([
    ['the mp4 fails mid-play', 'hls.js'],
    ['native HLS fails, fallback off', 'native'],
  ] as const)(
    'waits for the connection when %s and the check gets no answer: checks after 1 s, 2 s…, then fails as network',
    async (_, name) => {
      const timers = fakeTimers();
      const { fetch } = connection();
      const native = name === 'native';
      const { engine, playback, video, ...fakes } = setup({
        fetch,
        reconnectTimeout: 3_000,
        ...timers.options,
        ...(native && { engine: 'native', nativeHls: true, fallback: false }),
      });
      const played = await engine(native ? fakes.native : fakes.hls);
      if (!native) {
        played.hooks.onFatal(mediaError()); // HLS's segments failed: to the mp4
        video.fire('loadedmetadata'); // the mp4 played
      }
      const failed: PrivateVideoError[] = [];
      playback.on('error', (error) => failed.push(error));
      const failure = mp4Failure();
      played.hooks.onFatal(failure);
      await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
      await waitOut(timers, 1_000);
      expect(fetch).toHaveBeenCalledTimes(2);
      // The last wait is what is left of the 3 s.
      await waitOut(timers, 2_000);
      expect(fetch).toHaveBeenCalledTimes(3);
      expect(failed).toMatchObject([{ code: 'network', cause: failure }]);
      expect(timers.pending()).toEqual([]);
    },
  );

  it.each([
    ['the mp4 fails mid-play', 'mp4', mp4Failure],
    ['an HLS segment gets no answer', 'hls', unanswered],
  ] as const)(
    'plays on where the viewer is once the connection is back, when %s: no fallback, no error',
    async (_, source, failure) => {
      const timers = fakeTimers();
      const { fetch, back } = connection();
      const { engine, playback, video, events } = setup({ fetch, ...timers.options });
      const hls = await engine();
      if (source === 'mp4') {
        hls.hooks.onFatal(mediaError());
        video.fire('loadedmetadata');
      }
      video.currentTime = 42;
      const calls = hls.calls.length;
      hls.hooks.onFatal(failure());
      await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
      // More of the same outage while it waits: its to answer.
      hls.hooks.onFatal(failure());
      await waitOut(timers, 1_000);
      back();
      await waitOut(timers, 2_000);
      expect(hls.calls.slice(calls)).toEqual(['resume 42']);
      expect(playback.getSource()).toBe(source);
      expect(events).not.toContain('error');
      expect(fetch).toHaveBeenCalledTimes(3); // once at the failure, then after each wait
    },
  );

  it('fails at once with reconnectTimeout 0 when the check of a failing mp4 gets no answer in time', async () => {
    const timers = fakeTimers();
    const fetch = vi.fn<typeof globalThis.fetch>(() => new Promise<Response>(() => {})); // held for good
    const { engine, playback } = setup({ fetch, reconnectTimeout: 0, ...timers.options });
    const hls = await engine();
    hls.hooks.onFatal(mediaError()); // to the mp4
    const error = next(playback, 'error');
    hls.hooks.onFatal(mp4Failure());
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    timers
      .pending()
      .find((pending) => pending.ms === 10_000)!
      .callback(); // the check's time limit
    await expect(error).resolves.toMatchObject({ code: 'network', cause: { code: 'media' } });
  });

  it('stops waiting when destroyed: no timer, no check, no error after', async () => {
    const timers = fakeTimers();
    const { fetch } = connection();
    const { engine, playback, events } = setup({ fetch, ...timers.options });
    const hls = await engine();
    hls.hooks.onFatal(unanswered());
    await vi.waitFor(() => expect(timers.pending().map((timer) => timer.ms)).toContain(1_000));
    playback.destroy();
    await settle();
    expect(timers.pending()).toEqual([]);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(events).not.toContain('error');
  });
});

describe('PrivatePlayback: renewal', () => {
  it('renews once when refused assets meet a dead session, and signs with the new token', async () => {
    const getPrivateToken = vi.fn(async () => 'pt2');
    const { engine, killSession, playback, checks, delivery } = setup({ getPrivateToken });
    const hls = await engine();
    killSession();
    const renewed = next(playback, 'sessionrenewed');
    for (let i = 0; i < 5; i++) hls.hooks.onAssetRefused(404, `${base}/hls/360p/seg_00${i}.ts`);
    await expect(renewed).resolves.toMatchObject({
      session: { token: 'st-2' },
      ref: { privateToken: 'pt2' },
    });
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    expect(checks).toHaveLength(1);
    expect(delivery.requests.at(-1)).toBe('https://vod.api.video/vod/vi1/token/pt2/session');
    expect(hls.hooks.sign(`${base}/hls/360p/seg_009.ts?avh=st-1`)).toBe(
      'https://vod.api.video/vod/vi1/token/pt2/hls/360p/seg_009.ts?avh=st-2',
    );
  });

  it('does not renew when the session is alive (the asset is missing)', async () => {
    const getPrivateToken = vi.fn(async () => 'pt2');
    const { engine, checks } = setup({ getPrivateToken });
    const hls = await engine();
    hls.hooks.onAssetRefused(404, `${base}/hls/360p/seg_003.ts`);
    await vi.waitFor(() => expect(checks).toHaveLength(1));
    expect(getPrivateToken).not.toHaveBeenCalled();
  });

  it('checks with the thumbnail when the manifest itself was refused', async () => {
    const { engine, checks } = setup();
    (await engine()).hooks.onAssetRefused(404, `${base}/hls/manifest.m3u8?avh=st-1`);
    await vi.waitFor(() => expect(checks).toEqual([`${base}/thumbnail.jpg?avh=st-1`]));
  });

  it('plays once renewed when the viewer played and the dead session refused the source before it loaded', async () => {
    const { engine, killSession, video } = setup({ getPrivateToken: async () => 'pt2' });
    const hls = await engine();
    await video.play(); // with preload="none", the manifest is asked for only now
    video.paused = true; // its refusal reset the element: nothing loaded
    killSession();
    hls.hooks.onAssetRefused(403, `${base}/hls/manifest.m3u8?avh=st-1`);
    await vi.waitFor(() => expect(hls.calls.at(-1)).toBe('resume 0'));
    video.fire('loadedmetadata');
    expect(video.play).toHaveBeenCalledTimes(2);
  });

  it('resumes the engine at the current position after renewing on a fatal refusal', async () => {
    const { engine, killSession, video } = setup({ getPrivateToken: async () => 'pt2' });
    const hls = await engine();
    video.currentTime = 6;
    killSession();
    hls.hooks.onFatal(mediaError(403), 403);
    await vi.waitFor(() => expect(hls.calls.at(-1)).toBe('resume 6'));
  });

  it("resumes where the engine says the viewer is while a reload of its own holds a reset (the element's 0 s)", async () => {
    const { engine, killSession, video } = setup({ getPrivateToken: async () => 'pt2' });
    const hls = await engine();
    // hls.js's media-error recovery reloaded the element (0 s): the viewer was at 40 s.
    hls.viewer = () => ({ position: 40, play: true, rate: 1 });
    video.currentTime = 0;
    killSession();
    hls.hooks.onFatal(mediaError(403), 403);
    await vi.waitFor(() => expect(hls.calls.at(-1)).toBe('resume 40'));
  });

  it('joins the refusal renewal under way for a fatal refusal, instead of checking the old session again', async () => {
    const token = deferred<string>();
    const getPrivateToken = vi.fn(() => token.promise);
    const { engine, killSession, answerProbe, checks, video } = setup({ getPrivateToken });
    const hls = await engine();
    video.currentTime = 4;
    killSession();
    hls.hooks.onAssetRefused(403, `${base}/hls/360p/seg_001.ts?avh=st-1`);
    await vi.waitFor(() => expect(getPrivateToken).toHaveBeenCalled()); // dead: the renewal waits for its token
    answerProbe(200); // a second check now would find the old session alive, and fall back
    hls.hooks.onFatal(mediaError(403), 403);
    await settle();
    token.resolve('pt2');
    await vi.waitFor(() => expect(hls.calls.at(-1)).toBe('resume 4'));
    await settle();
    expect(checks).toHaveLength(1);
    expect(hls.calls.filter((call) => call.startsWith('mp4') || call.startsWith('resume'))).toEqual([
      'resume 4',
    ]);
  });

  it.each([500, 503, 429])(
    'does not renew when the session check answers %i: that says nothing about the session',
    async (status) => {
      const getPrivateToken = vi.fn(async () => 'pt2');
      const { engine, answerProbe, playback } = setup({ getPrivateToken });
      const hls = await engine();
      answerProbe(status);
      const fallback = next(playback, 'fallback');
      hls.hooks.onFatal(mediaError(403), 403);
      await expect(fallback).resolves.toMatchObject({ to: 'mp4' });
      expect(getPrivateToken).not.toHaveBeenCalled();
    },
  );

  it.each([
    [
      'rejects',
      async () => {
        throw new TypeError('Failed to fetch');
      },
    ],
    [
      'throws at once', // an app's own `fetch`
      () => {
        throw new TypeError('Failed to fetch');
      },
    ],
  ] satisfies [string, typeof globalThis.fetch][])(
    'does not renew when the session check fails on the network (a fetch that %s), leaving nothing unhandled',
    async (_how, fetch) => {
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      try {
        const getPrivateToken = vi.fn(async () => 'pt2');
        const { engine, playback } = setup({ getPrivateToken, fetch });
        const fallback = next(playback, 'fallback');
        (await engine()).hooks.onFatal(mediaError(403), 403);
        await expect(fallback).resolves.toMatchObject({ to: 'mp4' });
        await settle();
        expect(getPrivateToken).not.toHaveBeenCalled();
        expect(unhandled).toEqual([]);
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
    },
  );

  it('gives up a session check that gets no answer after 10 s, as a network failure: HLS falls back', async () => {
    const getPrivateToken = vi.fn(async () => 'pt2');
    const timers = fakeTimers();
    let signal: AbortSignal | null | undefined;
    const { engine, playback } = setup({
      getPrivateToken,
      ...timers.options,
      fetch: (_input, init) => {
        signal = init?.signal;
        return new Promise<Response>(() => {}); // the delivery never answers
      },
    });
    const hls = await engine();
    const fallback = next(playback, 'fallback');
    hls.hooks.onFatal(mediaError(403), 403);
    await vi.waitFor(() => expect(signal).toBeInstanceOf(AbortSignal));
    const check = timers.pending().find((timer) => timer.ms === 10_000);
    expect(check).toBeDefined();
    check!.callback();
    await expect(fallback).resolves.toMatchObject({ to: 'mp4' });
    expect(signal?.aborted).toBe(true); // the request given up is not left hanging
    expect(getPrivateToken).not.toHaveBeenCalled();
  });

  it('lets the next refusal check again once a check timed out, with the sessionCheckTimeout given', async () => {
    const getPrivateToken = vi.fn(async () => 'pt2');
    const timers = fakeTimers();
    const probe = deferred<Response>();
    const fetch = vi.fn<typeof globalThis.fetch>(() => probe.promise);
    const { engine, playback } = setup({
      getPrivateToken,
      fetch,
      sessionCheckTimeout: 3_000,
      ...timers.options,
    });
    const hls = await engine();
    hls.hooks.onAssetRefused(403, `${base}/hls/360p/seg_001.ts?avh=st-1`);
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    timers
      .pending()
      .find((timer) => timer.ms === 3_000)!
      .callback();
    await settle();
    expect(getPrivateToken).not.toHaveBeenCalled(); // a check that timed out proves no dead session
    fetch.mockImplementation(async () => new Response('', { status: 403 }));
    const renewed = next(playback, 'sessionrenewed');
    hls.hooks.onAssetRefused(403, `${base}/hls/360p/seg_002.ts?avh=st-1`);
    await expect(renewed).resolves.toMatchObject({ session: { token: 'st-2' } });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("clears the session check's timer once the check has its answer", async () => {
    const timers = fakeTimers();
    const { engine, checks } = setup(timers.options);
    (await engine()).hooks.onAssetRefused(404, `${base}/hls/360p/seg_003.ts`);
    await vi.waitFor(() => expect(checks).toHaveLength(1));
    await settle();
    expect(timers.all.filter((timer) => timer.ms === 10_000)).toHaveLength(1);
    expect(timers.pending().filter((timer) => timer.ms === 10_000)).toEqual([]);
  });

  it('fails the mp4, spending no token, when the manifest answers 503 after a fallback', async () => {
    const getPrivateToken = vi.fn(async () => 'pt2');
    const { engine, answerProbe, playback } = setup({ getPrivateToken });
    const hls = await engine();
    answerProbe(503);
    hls.hooks.onFatal(mediaError(503), 503); // the manifest's 503: to the mp4
    const error = next(playback, 'error');
    hls.hooks.onFatal(mediaError()); // the mp4 fails before any of it loaded: loaded once more
    await vi.waitFor(() => expect(hls.calls.at(-1)).toBe('resume 0'));
    for (let i = 0; i < 4; i++) hls.hooks.onFatal(mediaError()); // and fails again, reported again and again
    await expect(error).resolves.toMatchObject({ code: 'media' });
    expect(getPrivateToken).not.toHaveBeenCalled();
    // Only the one more load of an mp4 that failed before any of it loaded.
    expect(hls.calls.filter((call) => call.startsWith('resume'))).toEqual(['resume 0']);
  });

  it('resumes the mp4 of a fallback made while a renewal was under way, once that renewal is done', async () => {
    const privateToken = deferred<string>();
    const getPrivateToken = vi.fn(() => privateToken.promise);
    const { engine, killSession, video, checks } = setup({ getPrivateToken });
    const hls = await engine();
    video.currentTime = 5;
    killSession();
    hls.hooks.onAssetRefused(403, `${base}/hls/360p/seg_002.ts?avh=st-1`);
    await vi.waitFor(() => expect(getPrivateToken).toHaveBeenCalledTimes(1));
    hls.hooks.onFatal(mediaError()); // not a refusal: to the mp4, signed with the session being renewed
    expect(hls.calls.at(-1)).toBe(`mp4 ${base}/mp4/source.mp4?avh=st-1`);
    hls.hooks.onFatal(mediaError()); // so the mp4 is refused: it joins the renewal, checking nothing
    await settle();
    expect(checks).toHaveLength(1);
    privateToken.resolve('pt2');
    await vi.waitFor(() => expect(hls.calls.at(-1)).toBe('resume 5'));
    await settle();
    expect(hls.calls.filter((call) => call.startsWith('resume'))).toHaveLength(1);
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
  });

  it('renews a natively played live stream refused on a dead session, instead of failing for want of an mp4', async () => {
    const delivery = createFakeDelivery();
    const client = new SessionClient({ fetch: delivery.fetch, storage: null });
    const native = createFakeEngineModule('native');
    const playback = createPrivatePlayback(
      new FakeVideo().asElement(),
      { videoId: 'li1', privateToken: 'pt1', live: true },
      {
        client,
        engine: 'native',
        nativeHls: true,
        session: { token: 'server' },
        getPrivateToken: async () => 'pt2',
        loadEngine: async () => native.module,
        fetch: async () => new Response('', { status: 403 }), // the session check: dead
      },
    );
    const errors: unknown[] = [];
    playback.on('error', (error) => errors.push(error));
    await vi.waitFor(() => expect(native.engines).toHaveLength(1));
    const engine = native.engines[0]!;
    delivery.answer(json({ session_token: 'st-live-2' }));
    // The browser's own HLS player gives no status: the refused playlist is a MediaError.
    engine.hooks.onFatal(
      new PrivateVideoError('media', 'The browser could not play the media (MediaError 2).'),
    );
    await vi.waitFor(() => expect(engine.calls.at(-1)).toBe('resume 0'));
    expect(delivery.requests).toEqual(['https://live.api.video/private/pt2/li1/session']);
    expect(errors).toEqual([]);
    expect(playback.getSource()).toBe('hls');
    playback.destroy();
  });

  it('plays the mp4 on with the session another player renewed, instead of failing on the old one', async () => {
    // Another player (or a thumbnail) of the same video met the dead session first and renewed it.
    const { video, playback } = setup({ engine: 'native', loadEngine: async () => nativeEngine });
    await vi.waitFor(() => expect(video.src).toContain('/mp4/source.mp4?avh=st-1'));
    video.fire('loadedmetadata');
    Object.assign(video, { paused: false, currentTime: 7 });
    const errors: unknown[] = [];
    playback.on('error', (error) => errors.push(error));
    await playback.session.renew({ getPrivateToken: async () => 'pt2' });
    // The mp4's next range request still carries the dead session: the browser reports a MediaError.
    video.error = { code: 2, message: '' } as MediaError;
    video.fire('error');
    await vi.waitFor(() =>
      expect(video.src).toBe('https://vod.api.video/vod/vi1/token/pt2/mp4/source.mp4?avh=st-2'),
    );
    video.fire('loadedmetadata');
    expect([video.currentTime, video.paused]).toEqual([7, false]);
    expect(errors).toEqual([]);
    expect(playback.getState()).not.toBe('error');
  });

  it('renews at most once until playback progresses when every new session is refused too', async () => {
    const getPrivateToken = vi.fn(async () => `pt${getPrivateToken.mock.calls.length + 1}`);
    const { engine, killSession, playback, video } = setup({ getPrivateToken });
    const hls = await engine();
    hls.hooks.onFatal(mediaError()); // playing the mp4
    video.fire('loadedmetadata');
    killSession(); // e.g. a domain restriction: the delivery refuses every session from here on
    const error = next(playback, 'error');
    hls.hooks.onFatal(mediaError());
    await vi.waitFor(() => expect(hls.calls.at(-1)).toBe('resume 0'));
    hls.hooks.onFatal(mediaError());
    await expect(error).resolves.toMatchObject({ code: 'media' });
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
  });

  it('renews again once playback has played past what was buffered at the last renewal', async () => {
    const getPrivateToken = vi.fn(async () => `pt${getPrivateToken.mock.calls.length + 1}`);
    const { engine, killSession, video, checks } = setup({ getPrivateToken });
    const hls = await engine();
    killSession();
    video.currentTime = 2;
    video.ranges = [[0, 8]];
    const refuse = () => hls.hooks.onAssetRefused(403, `${base}/hls/360p/seg_004.ts?avh=st-1`);
    refuse();
    await vi.waitFor(() => expect(hls.calls.at(-1)).toBe('resume 2'));
    video.currentTime = 7.5; // still media loaded with the old session
    video.fire('timeupdate');
    refuse();
    await settle();
    expect(checks).toHaveLength(2);
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    video.currentTime = 8.5; // media loaded with the new session played: it worked
    video.fire('timeupdate');
    refuse();
    await vi.waitFor(() => expect(getPrivateToken).toHaveBeenCalledTimes(2));
  });

  it('does not renew again for a refusal at the position of the last renewal (where its resume seeks)', async () => {
    const getPrivateToken = vi.fn(async () => `pt${getPrivateToken.mock.calls.length + 1}`);
    const { engine, killSession, video, checks } = setup({ getPrivateToken });
    const hls = await engine();
    killSession();
    video.currentTime = 2;
    video.ranges = [[0, 2]];
    const refuse = () => hls.hooks.onAssetRefused(403, `${base}/hls/360p/seg_004.ts?avh=st-1`);
    refuse();
    await vi.waitFor(() => expect(hls.calls.at(-1)).toBe('resume 2'));
    video.fire('timeupdate'); // the resume's seek: nothing played past what the old session loaded
    refuse();
    await settle();
    expect(checks).toHaveLength(2);
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
  });

  it('resumes no engine once destroyed while the renewal for its refusal ran', async () => {
    const token = deferred<string>();
    const getPrivateToken = vi.fn(() => token.promise);
    const { engine, killSession, playback } = setup({ getPrivateToken });
    const hls = await engine();
    killSession();
    hls.hooks.onAssetRefused(403, `${base}/hls/360p/seg_004.ts?avh=st-1`);
    await vi.waitFor(() => expect(getPrivateToken).toHaveBeenCalledTimes(1));
    playback.destroy();
    token.resolve('pt2');
    await settle();
    expect(hls.calls.filter((call) => call.startsWith('resume'))).toEqual([]);
  });

  it('does not renew for a refusal whose session check ends after destroy()', async () => {
    const getPrivateToken = vi.fn(async () => 'pt2');
    const probe = deferred<Response>();
    const { engine, playback } = setup({ getPrivateToken, fetch: () => probe.promise });
    const hls = await engine();
    hls.hooks.onAssetRefused(403, `${base}/hls/360p/seg_001.ts?avh=st-1`);
    playback.destroy();
    probe.resolve(new Response('', { status: 403 }));
    await settle();
    expect(getPrivateToken).not.toHaveBeenCalled();
  });

  it('aborts a session check still under way on destroy()', async () => {
    let signal: AbortSignal | null | undefined;
    const probe = deferred<Response>();
    const { engine, playback } = setup({
      fetch: (_input, init) => {
        signal = init?.signal;
        return probe.promise;
      },
    });
    (await engine()).hooks.onAssetRefused(403, `${base}/hls/360p/seg_001.ts?avh=st-1`);
    await vi.waitFor(() => expect(signal).toBeInstanceOf(AbortSignal));
    expect(signal?.aborted).toBe(false);
    playback.destroy();
    expect(signal?.aborted).toBe(true);
  });

  it("leaves no session check timer behind on destroy(), with an app's fetch that ignores its abort", async () => {
    const timers = fakeTimers();
    let asked = false;
    const { engine, playback } = setup({
      ...timers.options,
      fetch: () => {
        asked = true;
        return new Promise<Response>(() => {}); // never answers, abort or not
      },
    });
    (await engine()).hooks.onAssetRefused(403, `${base}/hls/360p/seg_001.ts?avh=st-1`);
    await vi.waitFor(() => expect(asked).toBe(true));
    const check = () => timers.pending().filter((timer) => timer.ms === 10_000);
    expect(check()).toHaveLength(1);
    playback.destroy();
    await settle();
    expect(check()).toEqual([]);
  });

  it('does not renew for a refusal whose session check ends after the playback failed', async () => {
    const getPrivateToken = vi.fn(async () => 'pt2');
    const probe = deferred<Response>();
    const { engine, playback } = setup({ getPrivateToken, fallback: false, fetch: () => probe.promise });
    const hls = await engine();
    hls.hooks.onAssetRefused(403, `${base}/hls/360p/seg_001.ts?avh=st-1`);
    const error = next(playback, 'error');
    hls.hooks.onFatal(mediaError()); // not a refusal: fails at once without fallback
    await error;
    probe.resolve(new Response('', { status: 403 }));
    await settle();
    expect(getPrivateToken).not.toHaveBeenCalled();
  });

  it('falls back for a public video whose refusals meet a refused check: it has no session to renew', async () => {
    const getPrivateToken = vi.fn(async () => 'pt2');
    const { engine, killSession, playback, delivery, checks } = setup({
      video: { videoId: 'vi1' } as SetupOptions['video'],
      getPrivateToken,
    });
    const hls = await engine();
    killSession(); // the probe is refused too (a video being deleted, say)
    const outcome = Promise.race([next(playback, 'fallback'), next(playback, 'error')]);
    hls.hooks.onFatal(mediaError(404), 404);
    expect(await outcome).toMatchObject({ reason: { code: 'media' }, to: 'mp4' });
    expect(hls.calls.at(-1)).toBe('mp4 https://vod.api.video/vod/vi1/mp4/source.mp4');
    expect(getPrivateToken).not.toHaveBeenCalled();
    expect([delivery.requests, checks]).toEqual([[], []]); // no session, nothing to check
  });

  it('fails with session-expired when the session is dead and there is no getPrivateToken', async () => {
    const { engine, killSession, playback } = setup();
    const hls = await engine();
    killSession();
    const error = next(playback, 'error');
    hls.hooks.onFatal(mediaError(403), 403);
    await expect(error).resolves.toMatchObject({ code: 'session-expired' });
  });

  it('reports one error: a renewal that fails after the playback failed reports nothing more', async () => {
    const token = deferred<string>();
    const { engine, killSession, playback, delivery } = setup({
      fallback: false,
      getPrivateToken: () => token.promise,
    });
    const hls = await engine();
    const errors: unknown[] = [];
    playback.on('error', (error) => errors.push(error));
    killSession();
    hls.hooks.onAssetRefused(403, `${base}/hls/360p/seg_001.ts?avh=st-1`);
    await vi.waitFor(() => expect(playback.session.getState().status).not.toBe('open'));
    hls.hooks.onFatal(mediaError()); // not a refusal: without fallback, final
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    token.reject(new Error('backend down'));
    await settle();
    expect(errors).toEqual([expect.objectContaining({ code: 'media' })]);
    expect(playback.getState()).toBe('error');
    expect(delivery.requests).toHaveLength(1);
  });

  it('renews ahead of the known expiry while playing', async () => {
    const timers: { callback: () => void; ms: number }[] = [];
    const getPrivateToken = vi.fn(async () => 'pt2');
    const { engine, video, playback } = setup({
      getPrivateToken,
      now: () => 0,
      session: { token: 'server', expiresAt: 100_000 },
      renewMargin: 30_000,
      setTimeout: (callback, ms) => timers.push({ callback, ms }),
    });
    await engine();
    expect(timers.map((timer) => timer.ms)).toEqual([70_000]);
    video.paused = false;
    const renewed = next(playback, 'sessionrenewed');
    timers[0]!.callback();
    await expect(renewed).resolves.toMatchObject({ session: { token: 'st-1' } });
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
  });

  it.each([Number.NaN, -1, undefined])(
    'renews a minute before the expiry with a renewMargin of %s (NaN would renew at once, in a loop)',
    async (renewMargin) => {
      const timers = fakeTimers();
      const { engine } = setup({
        getPrivateToken: async () => 'pt2',
        now: () => 0,
        session: { token: 'server', expiresAt: 1_000_000 },
        renewMargin,
        ...timers.options,
      });
      await engine();
      expect(timers.pending().map((timer) => timer.ms)).toEqual([940_000]);
    },
  );

  it('waits at most 2^31 - 1 ms for a long session: timers run a longer wait at once, which would renew in a loop', async () => {
    const timers = fakeTimers();
    const { engine } = setup({
      getPrivateToken: async () => 'pt2',
      now: () => 0,
      session: { token: 'server', expiresAt: 2 ** 32 },
      ...timers.options,
    });
    await engine();
    expect(timers.pending().map((timer) => timer.ms)).toEqual([2 ** 31 - 1]);
  });

  it.each([
    ['given when it was created', true],
    ["given after the player started (the provider's, once auth loaded)", false],
  ])("renews ahead with the client's getPrivateToken too, %s", async (_case, atCreation) => {
    const timers: (() => void)[] = [];
    const getPrivateToken = vi.fn(async () => 'pt2');
    const delivery = createFakeDelivery();
    const client = new SessionClient({
      fetch: delivery.fetch,
      storage: null,
      getPrivateToken: atCreation ? getPrivateToken : undefined,
    });
    const hls = createFakeEngineModule('hls.js');
    const video = new FakeVideo();
    const playback = createPrivatePlayback(video.asElement(), source, {
      client,
      loadEngine: async () => hls.module,
      session: { token: 'server', expiresAt: Date.now() + 1_000 },
      setTimeout: (callback) => timers.push(callback),
    });
    await vi.waitFor(() => expect(hls.engines).toHaveLength(1));
    if (!atCreation) client.setGetPrivateToken(getPrivateToken);
    expect(timers).toHaveLength(1);
    video.paused = false;
    const renewed = next(playback, 'sessionrenewed');
    timers[0]!();
    await renewed;
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    playback.destroy();
  });

  it('keeps playing when the renewal ahead of expiry fails: the session still lives until it expires', async () => {
    const timers: (() => void)[] = [];
    const getPrivateToken = vi.fn(async () => {
      if (getPrivateToken.mock.calls.length === 1) throw new Error('token backend down');
      return 'pt2';
    });
    const { engine, video, playback, killSession } = setup({
      getPrivateToken,
      session: { token: 'server', expiresAt: Date.now() + 120_000 },
      setTimeout: (callback) => timers.push(callback),
    });
    const hls = await engine();
    const errors: unknown[] = [];
    playback.on('error', (error) => errors.push(error));
    video.paused = false;
    timers[0]!();
    await settle();
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    expect(errors).toEqual([]);
    expect(playback.getState()).not.toBe('error');
    expect(hls.calls).not.toContain('destroy');
    // Once the session has expired, its refusal renews.
    killSession();
    const renewed = next(playback, 'sessionrenewed');
    hls.hooks.onAssetRefused(403, `${base}/hls/360p/seg_004.ts?avh=server`);
    await expect(renewed).resolves.toMatchObject({ ref: { privateToken: 'pt2' } });
    expect(errors).toEqual([]);
  });

  it('tells of no new session when the renewal ahead fails: it plays on with the one it had', async () => {
    const timers: (() => void)[] = [];
    const { engine, video, playback } = setup({
      getPrivateToken: async () => {
        throw new Error('token backend down');
      },
      session: { token: 'server', expiresAt: Date.now() + 120_000 },
      setTimeout: (callback) => timers.push(callback),
    });
    await engine();
    const renewed: unknown[] = [];
    playback.on('sessionrenewed', (event) => renewed.push(event));
    video.paused = false;
    timers[0]!();
    await settle();
    expect(playback.session.getState()).toMatchObject({ status: 'open', session: { token: 'server' } });
    expect(renewed).toEqual([]);
    expect(timers).toHaveLength(1); // nothing new to schedule
  });

  it("spends no token on a renewal ahead that comes due after destroy(), with an app's timer it cannot clear", async () => {
    const timers: (() => void)[] = [];
    const getPrivateToken = vi.fn(async () => 'pt2');
    const { engine, video, playback } = setup({
      getPrivateToken,
      session: { token: 'server', expiresAt: Date.now() + 120_000 },
      setTimeout: (callback) => timers.push(callback), // and no clearTimeout to go with it
    });
    await engine();
    video.paused = false;
    playback.destroy();
    timers[0]!();
    await settle();
    expect(getPrivateToken).not.toHaveBeenCalled();
  });

  it("spends no token on a renewal ahead that comes due after a failure, with an app's timer it cannot clear", async () => {
    const timers: (() => void)[] = [];
    const getPrivateToken = vi.fn(async () => 'pt2');
    const { engine, video, playback } = setup({
      getPrivateToken,
      fallback: false,
      session: { token: 'server', expiresAt: Date.now() + 120_000 },
      setTimeout: (callback) => timers.push(callback), // and no clearTimeout to go with it
    });
    const failed = next(playback, 'error');
    (await engine()).hooks.onFatal(new PrivateVideoError('media', 'gave up', { url: `${base}/hls/x.ts` }));
    await failed;
    timers[0]!();
    await settle();
    // A retry's player on the same <video> (React's): its `play` must not renew for the failed one.
    video.paused = false;
    video.fire('play');
    await settle();
    expect(getPrivateToken).not.toHaveBeenCalled();
    expect(video.listeners).toBe(0);
  });

  it('renews ahead no sooner than halfway through a session, so a margin longer than it cannot loop', async () => {
    const timers: { callback: () => void; ms: number }[] = [];
    const getPrivateToken = vi.fn(async () => `pt${getPrivateToken.mock.calls.length + 1}`);
    const delivery = createFakeDelivery();
    // Sessions of 30 s (an emulator's, say) and the default margin of 60 s.
    const client = new SessionClient({
      fetch: delivery.fetch,
      storage: null,
      sessionTtl: 30_000,
      now: () => 0,
    });
    const hls = createFakeEngineModule('hls.js');
    const video = new FakeVideo();
    const playback = createPrivatePlayback(video.asElement(), source, {
      client,
      getPrivateToken,
      loadEngine: async () => hls.module,
      setTimeout: (callback, ms) => timers.push({ callback, ms }),
    });
    await vi.waitFor(() => expect(timers).toHaveLength(1));
    video.paused = false;
    const renewed = next(playback, 'sessionrenewed');
    timers[0]!.callback();
    await renewed;
    expect(timers.map(({ ms }) => ms)).toEqual([15_000, 15_000]);
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    playback.destroy();
  });

  /** A player whose renewal ahead of expiry came due while it was paused. */
  async function pausedWhenRenewalIsDue() {
    const timers: (() => void)[] = [];
    // pt2, pt3…: a new private token on every call.
    const getPrivateToken = vi.fn(async () => `pt${getPrivateToken.mock.calls.length + 1}`);
    const context = setup({
      getPrivateToken,
      session: { token: 'server', expiresAt: Date.now() + 1_000 },
      setTimeout: (callback) => timers.push(callback),
    });
    await context.engine();
    timers[0]!();
    return { ...context, getPrivateToken };
  }

  it('waits for play before renewing ahead when paused', async () => {
    const { getPrivateToken, video, playback } = await pausedWhenRenewalIsDue();
    expect(getPrivateToken).not.toHaveBeenCalled();
    const renewed = next(playback, 'sessionrenewed');
    video.fire('play');
    await renewed;
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
  });

  it('does not renew on play when the session was renewed while paused', async () => {
    const { getPrivateToken, video, playback } = await pausedWhenRenewalIsDue();
    // Another player of the same video renews the shared session while this one is paused.
    await playback.session.renew({ getPrivateToken });
    video.fire('play');
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    expect(playback.session.getState().status).toBe('open');
  });
});

describe('PrivatePlayback: failures inside engines', () => {
  it('turns an engine that throws while switching to the mp4 into a typed error, not an unhandled rejection', async () => {
    const { engine, playback } = setup();
    const hls = await engine();
    hls.loadMp4 = () => {
      throw new Error('player disposed');
    };
    const error = next(playback, 'error');
    hls.hooks.onFatal(mediaError());
    await expect(error).resolves.toMatchObject({
      code: 'media',
      message: expect.stringContaining('player disposed'),
    });
    expect(playback.getState()).toBe('error');
  });
});

describe('PrivatePlayback: listeners', () => {
  it("delivers the error when a state listener destroys the player on 'error'", async () => {
    const { engine, playback } = setup({ fallback: false });
    const hls = await engine();
    const heard: string[] = [];
    playback.on('state', (state) => {
      heard.push(state);
      if (state === 'error') playback.destroy();
    });
    playback.on('error', (error) => heard.push(`error: ${error.message}`));
    hls.hooks.onFatal(mediaError());
    await settle();
    expect(heard).toEqual(['error', 'error: gave up']);
    expect(hls.calls.filter((call) => call === 'destroy')).toHaveLength(1);
    // Destroyed: what it would say next is said to no one.
    heard.length = 0;
    hls.hooks.onFatal(mediaError());
    await settle();
    expect(heard).toEqual([]);
  });

  it('delivers the error when an error listener destroys the player, and the state before it', async () => {
    const { engine, playback, events } = setup({ fallback: false });
    const hls = await engine();
    const errors: unknown[] = [];
    playback.on('error', (error) => {
      errors.push(error);
      playback.destroy();
    });
    playback.on('error', (error) => errors.push(error));
    hls.hooks.onFatal(mediaError());
    await settle();
    expect(events.at(-1)).toBe('error');
    expect(errors).toHaveLength(2);
  });

  it("reports a listener's exception without failing the playback or rejecting unhandled", async () => {
    const reported: unknown[] = [];
    vi.stubGlobal('reportError', (error: unknown) => reported.push(error));
    try {
      const { engine, playback } = setup();
      const hls = await engine();
      const bug = new Error('bug in an app listener');
      const events: string[] = [];
      playback.on('state', (state) => {
        events.push(state);
        throw bug;
      });
      playback.on('fallback', () => events.push('fallback event'));
      hls.hooks.onFatal(mediaError());
      await settle();
      expect(events).toEqual(['fallback', 'fallback event']);
      expect(playback.getState()).toBe('fallback');
      expect(hls.calls).not.toContain('destroy');
      expect(reported).toEqual([bug]);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('PrivatePlayback: teardown', () => {
  it('destroys the engine, removes every listener and ignores late engine events', async () => {
    const { engine, video, playback, checks } = setup();
    const hls = await engine();
    const errors: unknown[] = [];
    playback.on('error', (error) => errors.push(error));
    playback.destroy();
    expect(hls.calls.at(-1)).toBe('destroy');
    expect(video.listeners).toBe(0);
    hls.hooks.onFatal(mediaError());
    hls.hooks.onAssetRefused(404, `${base}/x`);
    expect(hls.calls.filter((call) => call.startsWith('mp4'))).toEqual([]);
    expect(checks).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('leaves no listener on the signals that outlive a session check: a long play makes one per refusal', async () => {
    const added = vi.spyOn(AbortSignal.prototype, 'addEventListener');
    const removed = vi.spyOn(AbortSignal.prototype, 'removeEventListener');
    const { engine, checks } = setup();
    const hls = await engine();
    hls.hooks.onAssetRefused(404, `${base}/hls/360p/seg_001.ts?avh=st-1`);
    await vi.waitFor(() => expect(checks).toHaveLength(1));
    await settle();
    const isRemoved = (type: unknown, listener: unknown, signal: unknown) =>
      removed.mock.calls.some(
        ([removedType, removedListener], index) =>
          removedType === type && removedListener === listener && removed.mock.contexts[index] === signal,
      );
    const left = added.mock.calls.filter(([type, listener], index) => {
      const signal = added.mock.contexts[index] as AbortSignal;
      return type === 'abort' && !signal.aborted && !isRemoved(type, listener, signal);
    });
    expect(left).toEqual([]);
  });

  it("opens no session and loads no engine when a state listener destroys it on 'opening-session'", async () => {
    const { delivery, loadEngine, playback, events } = setup();
    playback.on('state', (state) => {
      if (state === 'opening-session') playback.destroy();
    });
    await vi.waitFor(() => expect(events).toEqual(['opening-session']));
    await settle();
    expect(delivery.requests).toEqual([]); // the private token is single-use: not spent for nothing
    expect(loadEngine).not.toHaveBeenCalled();
  });

  it('stops everything once it failed: listeners, the renewal ahead, session checks, renewal events', async () => {
    const timers = fakeTimers();
    let signal: AbortSignal | null | undefined;
    const { engine, video, playback } = setup({
      ...timers.options,
      getPrivateToken: async () => 'pt2',
      fallback: false,
      // A probe that gets no answer, rejected on abort as `fetch` does.
      fetch: (_input, init) =>
        new Promise<Response>((_resolve, reject) => {
          signal = init?.signal;
          signal?.addEventListener('abort', () => reject(signal?.reason));
        }),
    });
    const hls = await engine();
    expect(timers.pending().length).toBe(1); // the renewal ahead of expiry
    hls.hooks.onAssetRefused(403, `${base}/hls/360p/seg_001.ts?avh=st-1`);
    await vi.waitFor(() => expect(signal).toBeInstanceOf(AbortSignal));
    const renewed: unknown[] = [];
    playback.on('sessionrenewed', (event) => renewed.push(event));
    const error = next(playback, 'error');
    hls.hooks.onFatal(mediaError()); // not a refusal: without fallback, final
    await error;
    expect(video.listeners).toBe(0);
    expect(signal?.aborted).toBe(true);
    await settle(); // the aborted check clears its timeout
    expect(timers.pending()).toEqual([]);
    // Something else on the page renews the shared session: the failed player neither reports it nor
    // schedules a renewal of its own.
    await playback.session.renew({ getPrivateToken: async () => 'pt2' });
    expect(renewed).toEqual([]);
    expect(timers.pending()).toEqual([]);
  });

  /** An engine whose teardown throws (video.js's `dispose` can), with a session check and the renewal ahead under way. */
  async function withThrowingEngine(options: SetupOptions = {}) {
    const timers = fakeTimers();
    let signal: AbortSignal | null | undefined;
    const reported: unknown[] = [];
    vi.stubGlobal('reportError', (error: unknown) => reported.push(error));
    const started = setup({
      ...timers.options,
      getPrivateToken: async () => 'pt2',
      // A probe that gets no answer, rejected on abort as `fetch` does.
      fetch: (_input, init) =>
        new Promise<Response>((_resolve, reject) => {
          signal = init?.signal;
          signal?.addEventListener('abort', () => reject(signal?.reason));
        }),
      ...options,
    });
    const hls = await started.engine();
    const bug = new Error('dispose failed');
    hls.destroy = () => {
      hls.calls.push('destroy');
      throw bug;
    };
    hls.hooks.onAssetRefused(403, `${base}/hls/360p/seg_001.ts?avh=st-1`);
    await vi.waitFor(() => expect(signal).toBeInstanceOf(AbortSignal));
    expect(timers.pending().length).toBe(2); // the renewal ahead and the check's timeout
    return { ...started, hls, bug, reported, timers, aborted: () => signal?.aborted };
  }

  it("tears everything down when the engine's destroy() throws on a failure, and reports the original error", async () => {
    try {
      const { hls, bug, reported, timers, aborted, video, playback } = await withThrowingEngine({
        fallback: false,
      });
      const error = next(playback, 'error');
      hls.hooks.onFatal(mediaError()); // not a refusal: without fallback, final
      await expect(error).resolves.toMatchObject({ code: 'media', message: 'gave up' });
      expect(playback.getState()).toBe('error');
      expect(video.listeners).toBe(0);
      expect(aborted()).toBe(true);
      await settle(); // the aborted check clears its timeout
      expect(timers.pending()).toEqual([]);
      expect(hls.calls.filter((call) => call === 'destroy')).toHaveLength(1);
      expect(reported).toEqual([bug]); // the page hears of the engine's bug, as of a listener's
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("tears everything down when the engine's destroy() throws on destroy(), and reports it", async () => {
    try {
      const { hls, bug, reported, timers, aborted, video, playback } = await withThrowingEngine();
      const heard: unknown[] = [];
      playback.on('state', (state) => heard.push(state));
      playback.destroy();
      expect(video.listeners).toBe(0);
      expect(aborted()).toBe(true);
      await settle();
      expect(timers.pending()).toEqual([]);
      expect(reported).toEqual([bug]);
      // Destroyed for good: late engine events do nothing, and a second destroy() tears nothing down again.
      hls.hooks.onFatal(mediaError());
      playback.destroy();
      await settle();
      expect(heard).toEqual([]);
      expect(hls.calls.filter((call) => call === 'destroy')).toHaveLength(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('leaves nothing behind after 50 create/destroy cycles, even mid-start', async () => {
    const delivery = createFakeDelivery();
    const client = new SessionClient({ fetch: delivery.fetch, storage: null });
    const hls = createFakeEngineModule('hls.js');
    const video = new FakeVideo();
    for (let i = 0; i < 50; i++) {
      const playback = createPrivatePlayback(video.asElement(), source, {
        client,
        loadEngine: async () => hls.module,
      });
      if (i % 2 === 0) await vi.waitFor(() => expect(hls.engines.length).toBe(i / 2 + 1));
      playback.destroy();
    }
    await client.getSession(source);
    expect(video.listeners).toBe(0);
    expect(hls.engines.every((engine) => engine.calls.at(-1) === 'destroy')).toBe(true);
    expect(delivery.fetch).toHaveBeenCalledTimes(1);
  });
});

describe("PrivatePlayback: the player's own getPrivateToken at start", () => {
  /** A client without `getPrivateToken` whose session of the video opened a day ago: it has expired. */
  async function expiredSession() {
    let now = 1_000_000;
    const delivery = createFakeDelivery();
    const client = new SessionClient({ fetch: delivery.fetch, storage: null, now: () => now });
    await client.getSession(source); // the thumbnail, or an earlier player of this video
    now += 25 * 3_600_000;
    return { client, delivery };
  }

  function play(client: SessionClient, options: PrivatePlaybackOptions = {}) {
    const hls = createFakeEngineModule('hls.js');
    const getPrivateToken = vi.fn(async () => 'pt2');
    const playback = createPrivatePlayback(new FakeVideo().asElement(), source, {
      client,
      getPrivateToken,
      loadEngine: async () => hls.module,
      ...options,
    });
    return { playback, getPrivateToken, hls };
  }

  it('renews a session that expired before it started, where the client has no getPrivateToken', async () => {
    const { client, delivery } = await expiredSession();
    const { playback, getPrivateToken, hls } = play(client);
    await expect(next(playback, 'source')).resolves.toBe('hls');
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    expect(delivery.requests.at(-1)).toBe('https://vod.api.video/vod/vi1/token/pt2/session');
    expect(hls.engines[0]!.calls[0]).toContain('/token/pt2/hls/manifest.m3u8?avh=st-2');
  });

  it('renews a session a thumbnail left failed as session-expired, rather than failing with that at once', async () => {
    const { client } = await expiredSession();
    await expect(client.getSession(source)).rejects.toMatchObject({ code: 'session-expired' });
    const { playback, getPrivateToken } = play(client);
    await expect(next(playback, 'source')).resolves.toBe('hls');
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
  });

  it('renews a server session that expired (a page served from a cache)', async () => {
    const delivery = createFakeDelivery();
    const client = new SessionClient({ fetch: delivery.fetch, storage: null });
    const { playback, getPrivateToken } = play(client, {
      session: { token: 'server', expiresAt: Date.now() - 1_000 },
    });
    await expect(next(playback, 'source')).resolves.toBe('hls');
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
  });
});

describe('PrivatePlayback: the server session it is given', () => {
  it('does not undo the renewal of an earlier player of the video given the same options (A → B → A)', async () => {
    const {
      client,
      hls,
      killSession,
      playback: first,
    } = setup({
      session: { token: 'server', expiresAt: Date.now() + 3_600_000 },
      getPrivateToken: async () => 'pt2',
    });
    const engine = await (async () => {
      await vi.waitFor(() => expect(hls.engines).toHaveLength(1));
      return hls.engines[0]!;
    })();
    killSession(); // the server session died: the first player renews it
    const renewed = next(first, 'sessionrenewed');
    engine.hooks.onAssetRefused(404, `${base}/hls/360p/seg_001.ts?avh=server`);
    await renewed;
    first.destroy(); // the app shows another video (B), then this one again (A), with the same options
    const again = createFakeEngineModule('hls.js');
    const second = createPrivatePlayback(new FakeVideo().asElement(), source, {
      client,
      loadEngine: async () => again.module,
      session: { token: 'server', expiresAt: Date.now() + 3_600_000 },
    });
    await expect(next(second, 'source')).resolves.toBe('hls');
    // The renewed session on pt2, not the dead server one moved onto pt2's path.
    expect(again.engines[0]!.calls[0]).toBe(
      'hls https://vod.api.video/vod/vi1/token/pt2/hls/manifest.m3u8?avh=st-1',
    );
    second.destroy();
  });
});

describe('PrivatePlayback: an app loadEngine that throws at once', () => {
  it('fails as network, as one that rejects does (most likely the viewer is offline)', async () => {
    const { playback } = setup({
      loadEngine: () => {
        throw new TypeError('Failed to fetch dynamically imported module');
      },
    });
    await expect(next(playback, 'error')).resolves.toMatchObject({ code: 'network' });
  });
});

describe('PrivatePlayback: where the viewer is while the element holds a reset', () => {
  /** HLS played to 42 s, then gave up: the mp4 is set, and its src put the element back at 0 s. */
  async function fellBackAt42() {
    const context = setup();
    const { video, playback } = context;
    const hls = await context.engine();
    video.fire('loadedmetadata');
    video.currentTime = 42;
    const fallback = next(playback, 'fallback');
    hls.hooks.onFatal(mediaError());
    await expect(fallback).resolves.toMatchObject({ position: 42 });
    video.load();
    return { ...context, hls };
  }

  it('says the fallback position while the mp4 loads (an app switching videos saves it)', async () => {
    const { playback, video } = await fellBackAt42();
    expect(video.currentTime).toBe(0);
    expect(playback.getPosition()).toBe(42);
  });

  it('keeps the fallback position when the mp4 fails before any of it loaded, for the retry to start there', async () => {
    const { playback, hls } = await fellBackAt42();
    hls.hooks.onFatal(mediaError()); // nothing of it loaded: loaded once more
    await vi.waitFor(() => expect(hls.calls.at(-1)).toBe('resume 0'));
    const error = next(playback, 'error');
    hls.hooks.onFatal(mediaError()); // final
    await expect(error).resolves.toMatchObject({ code: 'media' });
    expect(playback.getPosition()).toBe(42);
  });

  it('keeps what the engine says the viewer had when its resume left the element holding a reset', async () => {
    const { playback, hls, video } = await fellBackAt42();
    video.fire('loadedmetadata'); // the mp4 played, to 50 s; then a resume set it again, and it failed
    video.currentTime = 0;
    const error = next(playback, 'error');
    hls.hooks.onFatal(mediaError(), undefined, { position: 50, play: true, rate: 1 });
    await error;
    expect(playback.getPosition()).toBe(50);
  });

  it("says what the engine says the viewer had while its own reload holds a reset (a renewal's resume)", async () => {
    const { engine, video, playback } = setup();
    const hls = await engine();
    video.fire('loadedmetadata');
    video.currentTime = 30;
    expect(playback.getPosition()).toBe(30);
    // The engine set its source again, signed anew: the element is back at 0 s, at the default rate.
    hls.viewer = () => ({ position: 30, play: true, rate: 1.5 });
    video.currentTime = 0;
    expect(playback.getPosition()).toBe(30);
    expect(playback.getViewerState()).toMatchObject({ position: 30, playing: true, rate: 1.5 });
  });

  it('keeps startTime when playback fails before anything loaded', async () => {
    const { engine, playback } = setup({ startTime: 120, fallback: false });
    const hls = await engine();
    const error = next(playback, 'error');
    hls.hooks.onFatal(mediaError());
    await error;
    expect(playback.getPosition()).toBe(120);
  });

  it('keeps startTime when the session fails to open (offline)', async () => {
    const { delivery, playback } = setup({ startTime: 120 });
    delivery.answer(...Array.from({ length: 3 }, () => new TypeError('Failed to fetch')));
    await expect(next(playback, 'error')).resolves.toMatchObject({ code: 'network' });
    expect(playback.getPosition()).toBe(120);
  });

  it('keeps the rate the viewer chose after HLS started loading, when it falls back before HLS loaded', async () => {
    const { engine, video, playback } = setup();
    const hls = await engine();
    video.fire('loadstart'); // hls.js attached its MediaSource (preload="none": nothing more loads yet)
    video.playbackRate = 2; // the viewer picks 2× before anything loaded
    video.fire('ratechange');
    const fallback = next(playback, 'fallback');
    hls.hooks.onFatal(mediaError()); // the manifest fails: to the mp4, before any metadata
    await fallback;
    video.load(); // the mp4's src resets the rate
    video.fire('loadstart');
    video.fire('loadedmetadata');
    expect(video.playbackRate).toBe(2);
  });
});

describe('PrivatePlayback: what the viewer had, for a retry to give back', () => {
  it('says what the viewer has while it plays: position, play state, rate and sound of the element', async () => {
    const { engine, video, playback } = setup();
    await engine();
    video.fire('loadedmetadata');
    await video.play();
    Object.assign(video, { currentTime: 12, playbackRate: 1.25, muted: true, volume: 0.5 });
    expect(playback.getViewerState()).toEqual({
      position: 12,
      playing: true,
      rate: 1.25,
      muted: true,
      volume: 0.5,
    });
  });

  it('says the rate the viewer chose while a fallback loads, not the reset of its source', async () => {
    const { engine, video, playback } = setup();
    const hls = await engine();
    video.fire('loadedmetadata');
    Object.assign(video, { currentTime: 42, playbackRate: 2 });
    const fallback = next(playback, 'fallback');
    hls.hooks.onFatal(mediaError());
    await fallback;
    video.load(); // the mp4's src: 0 s, 1×
    expect(playback.getViewerState()).toMatchObject({ position: 42, playing: false, rate: 2 });
  });

  it('keeps what it had when playback failed while playing (the element paused by its error), sound included', async () => {
    const { engine, video, playback } = setup({ fallback: false });
    const hls = await engine();
    hls.destroy = () => video.load(); // as a real engine's teardown does: 0 s, paused, 1×
    video.fire('loadedmetadata');
    await video.play();
    Object.assign(video, { currentTime: 30, playbackRate: 1.5, muted: true, volume: 0.3 });
    video.error = { code: 2 } as MediaError; // Chromium pauses the element before the engine gives up
    video.paused = true;
    const error = next(playback, 'error');
    hls.hooks.onFatal(mediaError());
    await error;
    video.muted = false; // what the element does after the failure is no longer the viewer's
    expect(playback.getViewerState()).toEqual({
      position: 30,
      playing: true,
      rate: 1.5,
      muted: true,
      volume: 0.3,
    });
  });

  it('keeps a video the viewer paused paused', async () => {
    const { engine, video, playback } = setup({ fallback: false });
    const hls = await engine();
    hls.destroy = () => video.load();
    video.fire('loadedmetadata');
    await video.play();
    video.paused = true;
    video.fire('pause');
    video.currentTime = 30;
    const error = next(playback, 'error');
    hls.hooks.onFatal(mediaError());
    await error;
    expect(playback.getViewerState()).toMatchObject({ position: 30, playing: false });
  });

  it('keeps what the engine says the viewer had, when its resume left the element holding a reset', async () => {
    const { engine, video, playback } = setup({ fallback: false });
    const hls = await engine();
    video.volume = 0.7;
    const error = next(playback, 'error');
    hls.hooks.onFatal(mediaError(), undefined, { position: 50, play: true, rate: 1.5 });
    await error;
    expect(playback.getViewerState()).toEqual({
      position: 50,
      playing: true,
      rate: 1.5,
      muted: false,
      volume: 0.7,
    });
  });

  it.each([
    [true, true],
    [false, false],
  ])(
    'keeps startTime and the autoPlay intent (%s) when playback fails before anything loaded',
    async (autoPlay, playing) => {
      const { engine, playback } = setup({ startTime: 120, autoPlay, fallback: false });
      const hls = await engine();
      const error = next(playback, 'error');
      hls.hooks.onFatal(mediaError());
      await error;
      expect(playback.getViewerState()).toMatchObject({ position: 120, playing });
    },
  );
});

describe("PrivatePlayback: a retry's `viewer`, given back", () => {
  const viewer = { position: 42, playing: true, rate: 1.5, muted: true, volume: 0.4 };

  it('starts where the viewer was and plays, with their rate and sound, over startTime and autoPlay', async () => {
    const { engine, video } = setup({ viewer, startTime: 5, autoPlay: false });
    expect({ muted: video.muted, volume: video.volume }).toEqual({ muted: true, volume: 0.4 });
    expect((video as unknown as { defaultMuted: boolean }).defaultMuted).toBe(true); // video.js reads it
    const hls = await engine();
    expect(hls.context.startPosition).toBe(42);
    video.load(); // the engine's source resets the element: 0 s, paused, 1×
    video.volume = 1; // and video.js puts the volume back to 1 as it starts
    video.fire('loadedmetadata');
    expect(video.play).toHaveBeenCalled();
    expect({ time: video.currentTime, rate: video.playbackRate, volume: video.volume }).toEqual({
      time: 42,
      rate: 1.5,
      volume: 0.4,
    });
  });

  it('keeps the volume the viewer sets once the media has loaded', async () => {
    const { engine, video } = setup({ viewer });
    await engine();
    video.fire('loadedmetadata');
    video.volume = 0.9;
    video.fire('loadedmetadata'); // a new source (the fallback's mp4)
    expect(video.volume).toBe(0.9);
  });

  it('leaves no listener on the element once destroyed before the media loaded', async () => {
    const { engine, video, playback } = setup({ viewer });
    await engine();
    playback.destroy();
    expect(video.listeners).toBe(0);
  });

  it('starts at startTime when the viewer was at 0 s', async () => {
    const { engine } = setup({ viewer: { ...viewer, position: 0 }, startTime: 5 });
    expect((await engine()).context.startPosition).toBe(5);
  });

  it("a playlist's next video given the sound and rate alone: those come back, startTime and autoPlay stay", async () => {
    const { engine, video } = setup({ viewer: { muted: true, volume: 0.4, rate: 1.5 }, startTime: 5 });
    expect({ muted: video.muted, volume: video.volume }).toEqual({ muted: true, volume: 0.4 });
    const hls = await engine();
    expect(hls.context.startPosition).toBe(5);
    video.load();
    video.volume = 1; // video.js puts the volume back to 1 as it starts
    video.fire('loadedmetadata');
    expect(video.play).not.toHaveBeenCalled();
    expect({ time: video.currentTime, rate: video.playbackRate, volume: video.volume }).toEqual({
      time: 5,
      rate: 1.5,
      volume: 0.4,
    });
  });

  it('leaves what is not given as the element has it, and autoPlay plays', async () => {
    const { engine, video } = setup({ viewer: { volume: 0.4 }, autoPlay: true });
    expect(video).not.toHaveProperty('defaultMuted'); // muted not written
    expect({ muted: video.muted, rate: video.playbackRate, volume: video.volume }).toEqual({
      muted: false,
      rate: 1,
      volume: 0.4,
    });
    await engine();
    video.load();
    video.fire('loadedmetadata');
    expect(video.play).toHaveBeenCalled();
  });
});
