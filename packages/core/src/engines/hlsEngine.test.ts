import { describe, expect, it, vi } from 'vitest';
import type { EngineContext } from '../playback/PlaybackEngine.js';
import { createFakeHooks, FakeVideo } from '../test-utils/fakePlayback.js';

/** Just enough of hls.js: the test drives its errors and reads what the engine asked of it. */
const { FakeHls } = vi.hoisted(() => {
  class FakeHls {
    static Events = { ERROR: 'hlsError', FRAG_LOADED: 'hlsFragLoaded' };
    static ErrorTypes = { NETWORK_ERROR: 'networkError', MEDIA_ERROR: 'mediaError' };
    static ErrorDetails = {
      MANIFEST_INCOMPATIBLE_CODECS_ERROR: 'manifestIncompatibleCodecsError',
      BUFFER_INCOMPATIBLE_CODECS_ERROR: 'bufferIncompatibleCodecsError',
      INTERNAL_ABORTED: 'aborted',
    };
    // hls.js 1.6's time limits (its other policy fields are passed through as they are).
    static DefaultConfig = {
      fragLoadPolicy: { default: { maxTimeToFirstByteMs: 10_000, maxLoadTimeMs: 120_000 } },
      keyLoadPolicy: { default: { maxTimeToFirstByteMs: 8_000, maxLoadTimeMs: 20_000 } },
      playlistLoadPolicy: { default: { maxTimeToFirstByteMs: 10_000, maxLoadTimeMs: 20_000 } },
      manifestLoadPolicy: { default: { maxTimeToFirstByteMs: null, maxLoadTimeMs: 20_000 } },
    };
    static isSupported = () => true;
    static last: FakeHls | undefined;
    levels: unknown[] = [];
    calls: string[] = [];
    subtitleTrack = 0;
    readonly #listeners = new Map<string, (event: string, data: unknown) => void>();

    config: Record<string, unknown>;
    constructor(config: Record<string, unknown>) {
      this.config = config;
      FakeHls.last = this;
    }
    on(event: string, listener: (event: string, data: unknown) => void) {
      this.#listeners.set(event, listener);
    }
    loadSource(url: string) {
      this.calls.push(`loadSource ${url}`);
    }
    media: { load(): void } | undefined;
    attachMedia(media: { load(): void }) {
      this.media = media;
    }
    startLoad(position: number) {
      this.calls.push(`startLoad ${position}`);
    }
    stopLoad() {
      this.calls.push('stopLoad');
    }
    /** As hls.js: the element gets a new MediaSource, and its `load()` resets rate and play state. */
    recoverMediaError() {
      this.calls.push('recoverMediaError');
      this.media?.load();
    }
    destroy() {}
    error(data: object) {
      this.#listeners.get(FakeHls.Events.ERROR)?.(FakeHls.Events.ERROR, data);
    }
    fragLoaded(type: string) {
      this.#listeners.get(FakeHls.Events.FRAG_LOADED)?.(FakeHls.Events.FRAG_LOADED, { frag: { type } });
    }
  }
  return { FakeHls };
});
vi.mock('hls.js', () => ({ default: FakeHls }));

const { createHlsEngine } = await import('./hlsEngine.js');

const manifest = 'https://vod.api.video/vod/vi1/token/pt1/hls/manifest.m3u8';

function setup(
  context: Pick<
    EngineContext,
    'startPosition' | 'hlsConfig' | 'setTimeout' | 'clearTimeout' | 'answerTimeout' | 'renewing'
  > = {},
) {
  const video = new FakeVideo();
  const fake = createFakeHooks('st-1', video);
  const engine = createHlsEngine({ video: video.asElement(), hooks: fake.hooks, ...context });
  engine.loadHls(`${manifest}?avh=st-1`);
  return { engine, hls: FakeHls.last!, video, ...fake };
}

const refused = (url: string) => ({
  type: FakeHls.ErrorTypes.NETWORK_ERROR,
  details: 'manifestLoadError',
  fatal: true,
  url,
  response: { code: 403, text: '' },
});

describe('hls.js engine: time limits', () => {
  const policies = ['manifestLoadPolicy', 'playlistLoadPolicy', 'fragLoadPolicy', 'keyLoadPolicy'] as const;
  type Limits = { maxTimeToFirstByteMs: number; maxLoadTimeMs: number; timeoutRetry: unknown };
  const limits = (config: Record<string, unknown>) =>
    policies.map((name) => {
      const { maxTimeToFirstByteMs, maxLoadTimeMs } = (config[name] as { default: Limits }).default;
      return [name, maxTimeToFirstByteMs, maxLoadTimeMs];
    });

  it('gives a manifest 10 s to its first byte and one more try, not no limit and two more: the fallback comes after ~20 s', () => {
    const { hls } = setup();
    const manifest = (hls.config.manifestLoadPolicy as { default: Limits }).default;
    expect(manifest).toMatchObject({
      maxTimeToFirstByteMs: 10_000,
      maxLoadTimeMs: 20_000,
      timeoutRetry: { maxNumRetry: 1, retryDelayMs: 0, maxRetryDelayMs: 0 },
    });
  });

  it("gives every request 10 s to its first byte by default, and keeps hls.js's time to load", () => {
    expect(limits(setup().hls.config)).toEqual([
      ['manifestLoadPolicy', 10_000, 20_000],
      ['playlistLoadPolicy', 10_000, 20_000],
      ['fragLoadPolicy', 10_000, 120_000],
      ['keyLoadPolicy', 10_000, 20_000],
    ]);
  });

  it("gives every request the app's answerTimeout to its first byte, and at least as long to load", () => {
    expect(limits(setup({ answerTimeout: 3_000 }).hls.config)).toEqual([
      ['manifestLoadPolicy', 3_000, 20_000],
      ['playlistLoadPolicy', 3_000, 20_000],
      ['fragLoadPolicy', 3_000, 120_000],
      ['keyLoadPolicy', 3_000, 20_000],
    ]);
    expect(limits(setup({ answerTimeout: 60_000 }).hls.config)).toEqual([
      ['manifestLoadPolicy', 60_000, 60_000],
      ['playlistLoadPolicy', 60_000, 60_000],
      ['fragLoadPolicy', 60_000, 120_000],
      ['keyLoadPolicy', 60_000, 60_000],
    ]);
  });

  it('retries a failed manifest once, and every other request three times, before hls.js gives up', () => {
    const { hls } = setup();
    const retries = policies.map((name) => {
      const { errorRetry } = (hls.config[name] as { default: { errorRetry: { maxNumRetry: number } } })
        .default;
      return [name, errorRetry.maxNumRetry];
    });
    expect(retries).toEqual([
      ['manifestLoadPolicy', 1],
      ['playlistLoadPolicy', 3],
      ['fragLoadPolicy', 3],
      ['keyLoadPolicy', 3],
    ]);
  });

  it('retries a refusal (401, 403, 404: maybe a session being renewed) as often as the policy says, no more', () => {
    type ShouldRetry = (
      config: { maxNumRetry: number },
      retryCount: number,
      isTimeout: boolean,
      response: { code: number } | undefined,
      retry: boolean,
    ) => boolean;
    const { hls } = setup();
    const { errorRetry } = (hls.config.fragLoadPolicy as { default: { errorRetry: object } }).default;
    const { shouldRetry } = errorRetry as { shouldRetry: ShouldRetry };
    const config = { maxNumRetry: 3 };
    for (const code of [401, 403, 404]) {
      expect([0, 1, 2, 3].map((count) => shouldRetry(config, count, false, { code }, false))).toEqual([
        true,
        true,
        true,
        false,
      ]);
    }
    // Any other answer as hls.js decides.
    expect(shouldRetry(config, 0, false, { code: 500 }, false)).toBe(false);
    expect(shouldRetry(config, 0, false, { code: 500 }, true)).toBe(true);
  });

  it("lets the app's own manifestLoadPolicy win", () => {
    const own = { default: { maxTimeToFirstByteMs: 3_000, timeoutRetry: null } };
    const { hls } = setup({ hlsConfig: { manifestLoadPolicy: own } });
    expect(hls.config.manifestLoadPolicy).toBe(own);
  });
});

describe('hls.js engine: start position', () => {
  it('has hls.js load from the start position, not from segment 0 before a seek', () => {
    const { hls } = setup({ startPosition: 10.5 });
    expect(hls.config.startPosition).toBe(10.5);
  });

  it("lets the app's own hlsConfig.startPosition win", () => {
    const { hls } = setup({ startPosition: 10.5, hlsConfig: { startPosition: 2 } });
    expect(hls.config.startPosition).toBe(2);
  });

  it.each([undefined, 0])(
    "leaves hls.js's own start (a live stream's edge) for a start at %s",
    (startPosition) => {
      const { hls } = setup(startPosition === undefined ? {} : { startPosition });
      expect(hls.config).not.toHaveProperty('startPosition');
    },
  );
});

describe('hls.js engine: signing', () => {
  it('signs every request of hls.js, by XHR or by fetch, with the session it has when the request goes', () => {
    type Setup = {
      xhrSetup: (xhr: XMLHttpRequest, url: string) => void;
      fetchSetup: (context: { url: string }, init: RequestInit) => Request;
    };
    const { hls, session } = setup();
    const { xhrSetup, fetchSetup } = hls.config as unknown as Setup;
    session.token = 'st-2'; // renewed since the manifest loaded
    const xhr = { open: vi.fn() };
    xhrSetup(xhr as unknown as XMLHttpRequest, `${manifest}/360p/seg_001.ts?avh=st-1`);
    expect(xhr.open).toHaveBeenCalledWith('GET', `${manifest}/360p/seg_001.ts?avh=st-2`, true);
    const request = fetchSetup({ url: `${manifest}/360p/seg_002.ts?avh=st-1` }, { method: 'GET' });
    expect(request.url).toBe(`${manifest}/360p/seg_002.ts?avh=st-2`);
  });
});

describe('hls.js engine: resume after a renewal', () => {
  it('loads the manifest again, newly signed, when the manifest itself was refused', () => {
    const { engine, hls, session, fatals } = setup();
    hls.error(refused(`${manifest}?avh=st-1`));
    expect(fatals.map(({ status }) => status)).toEqual([403]);
    session.token = 'st-2';
    engine.resume(0);
    expect(hls.calls).toEqual([`loadSource ${manifest}?avh=st-1`, `loadSource ${manifest}?avh=st-2`]);
  });

  it('carries on loading at the position once the manifest had loaded', () => {
    const { engine, hls } = setup();
    hls.levels = [{}];
    hls.error({ ...refused(`${manifest}/360p/seg_001.ts?avh=st-1`), details: 'fragLoadError' });
    engine.resume(5);
    expect(hls.calls.at(-1)).toBe('startLoad 5');
  });

  it('keeps the session token out of the fatal error', () => {
    const { hls, fatals } = setup();
    hls.error(refused(`${manifest}?avh=st-1`));
    const { error } = fatals[0]!;
    expect([error.message, error.url].join(' ')).not.toContain('st-1');
  });
});

describe('hls.js engine: giving up', () => {
  it.each([
    [
      'no answer (status 0: refused, dropped)',
      'network',
      { details: 'fragLoadError', response: { code: 0 } },
    ],
    ['a time-out', 'network', { details: 'manifestLoadTimeOut' }],
    ['a server error', 'media', { details: 'levelLoadError', response: { code: 500 } }],
    ['a refusal', 'media', { details: 'manifestLoadError', response: { code: 404 } }],
  ] as const)('on %s, fails as %s', (_what, code, failure) => {
    const { hls, fatals } = setup();
    hls.error({
      type: FakeHls.ErrorTypes.NETWORK_ERROR,
      fatal: true,
      url: `${manifest}?avh=st-1`,
      ...failure,
    });
    expect(fatals.map(({ error }) => error.code)).toEqual([code]);
  });
});

describe('hls.js engine: a viewer left waiting on a failing request', () => {
  const segment = `${manifest}/360p/seg_003.ts?avh=st-1`;
  const failed = (code = 503, details = 'fragLoadError') => ({
    type: FakeHls.ErrorTypes.NETWORK_ERROR,
    details,
    fatal: false,
    url: segment,
    frag: { type: 'main', url: segment },
    response: { code, text: '' },
  });
  /** Playing, with the buffer run out: the element cannot play on (HAVE_CURRENT_DATA). */
  const waitingViewer = (video: InstanceType<typeof FakeVideo>) =>
    Object.assign(video, { paused: false, readyState: 2, currentTime: 6 });

  it('gives up at the second failure in a row when the video waits, rather than retry for seconds more', () => {
    const { hls, video, fatals } = setup();
    waitingViewer(video);
    hls.error(failed());
    expect(fatals).toEqual([]); // one retry first: a passing server error usually mends that way
    hls.error(failed());
    expect(hls.calls.at(-1)).toBe('stopLoad');
    expect(fatals.map(({ error, status }) => [error.code, status, error.message, error.url])).toEqual([
      [
        'media',
        503,
        `hls.js stopped after 2 failures in a row, the video waiting: fragLoadError (HTTP 503 for ${manifest}/360p/seg_003.ts).`,
        `${manifest}/360p/seg_003.ts`,
      ],
    ]);
  });

  it('gives up when the buffer runs out after the failures, and once only', () => {
    const { hls, video, fatals } = setup();
    Object.assign(video, { paused: false, readyState: 4 }); // playing what is buffered
    hls.error(failed(0, 'fragLoadTimeOut'));
    hls.error(failed(0, 'fragLoadTimeOut'));
    hls.error(failed(0, 'fragLoadTimeOut'));
    expect(fatals).toEqual([]);
    video.readyState = 2;
    video.fire('waiting');
    video.fire('waiting');
    expect(fatals.map(({ error }) => [error.code, error.message])).toEqual([
      ['network', `hls.js stopped after 3 failures in a row, the video waiting: fragLoadTimeOut.`],
    ]);
  });

  it.each([
    ['a paused video', { paused: true, readyState: 2 }],
    ['a video with enough buffered to play on', { paused: false, readyState: 3 }],
  ] as const)('lets hls.js retry on for %s', (_what, state) => {
    const { hls, video, fatals } = setup();
    Object.assign(video, state);
    hls.error(failed());
    hls.error(failed());
    video.fire('waiting');
    expect([fatals, hls.calls.includes('stopLoad')]).toEqual([[], false]);
  });

  it('counts failures in a row only: a fragment loaded between them starts the count again', () => {
    const { hls, video, fatals } = setup();
    waitingViewer(video);
    hls.error(failed());
    hls.fragLoaded('main');
    hls.error(failed());
    expect(fatals).toEqual([]);
    hls.fragLoaded('subtitle'); // a subtitle file is no sign that the video loads again
    hls.error(failed());
    expect(fatals).toHaveLength(1);
  });

  it("leaves a subtitle's failures and the fatal errors to what handles them", () => {
    const { hls, video, fatals } = setup();
    waitingViewer(video);
    const subtitle = { ...failed(), frag: { type: 'subtitle', url: segment } };
    hls.error(subtitle);
    hls.error(subtitle);
    hls.error({ ...failed(), type: FakeHls.ErrorTypes.MEDIA_ERROR, details: 'bufferStalledError' });
    hls.error({ ...failed(), type: FakeHls.ErrorTypes.MEDIA_ERROR, details: 'bufferStalledError' });
    expect(fatals).toEqual([]);
  });

  it('waits while the controller checks or renews the session for a refusal: the next retry is signed anew', () => {
    let renewing = true;
    const { hls, video, fatals, refused } = setup({ renewing: () => renewing });
    waitingViewer(video);
    hls.error(failed(404));
    hls.error(failed(404));
    video.fire('waiting');
    expect([refused.length, fatals.length]).toEqual([2, 0]);
    renewing = false; // the session was alive: the segment is missing
    hls.error(failed(404));
    expect(fatals.map(({ status }) => status)).toEqual([404]);
  });

  it('counts afresh after the resume', () => {
    const { engine, hls, video, fatals } = setup();
    waitingViewer(video);
    hls.error(failed(404));
    hls.error(failed(404));
    engine.resume(6); // renewed: hls.js loads again
    hls.error(failed());
    expect(fatals).toHaveLength(1);
    hls.error(failed());
    expect(fatals).toHaveLength(2);
  });

  it('counts afresh after a resume that found hls.js still retrying: the failures so far were on the dead session', () => {
    let renewing = true;
    const { engine, hls, video, fatals } = setup({ renewing: () => renewing });
    waitingViewer(video);
    hls.error(failed(403));
    hls.error(failed(403));
    renewing = false;
    engine.resume(6); // renewed while hls.js retried on: it signs the next retry anew
    hls.error(failed());
    expect(fatals).toEqual([]); // one retry first, as for any failing request
    hls.error(failed());
    expect(fatals.map(({ status }) => status)).toEqual([503]);
  });

  it('gives up once when hls.js gave up on the request itself, and not again as the buffer runs out', () => {
    const { engine, hls, video, fatals } = setup();
    Object.assign(video, { paused: false, readyState: 4 }); // playing what is buffered
    hls.error(failed());
    hls.error(failed());
    hls.error({ ...failed(), fatal: true }); // hls.js's retries are spent
    video.readyState = 2;
    video.fire('waiting');
    expect([fatals.map(({ error }) => error.message), hls.calls.includes('stopLoad')]).toEqual([
      [`hls.js gave up: fragLoadError (HTTP 503 for ${manifest}/360p/seg_003.ts).`],
      false,
    ]);
    engine.resume(6); // renewed: the failures before were the dead session's
    video.fire('waiting');
    expect(fatals).toHaveLength(1);
  });

  it('counts each request on its own: two requests failing once each (video and audio, one passing error) are retried', () => {
    const { hls, video, fatals } = setup();
    waitingViewer(video);
    const failure = (path: string, type: string) => {
      const url = `https://vod.api.video/vod/vi1/token/pt1/hls/${path}?avh=st-1`;
      return { ...failed(503), url, frag: { type, url } };
    };
    hls.error(failure('360p/init_0.mp4', 'main'));
    hls.error(failure('audio/init_2.mp4', 'audio'));
    expect([fatals, hls.calls]).toEqual([[], [`loadSource ${manifest}?avh=st-1`]]);
    hls.error(failure('audio/init_2.mp4', 'audio')); // its retry fails too: the same request, twice in a row
    expect(fatals.map(({ error }) => error.message)).toEqual([
      `hls.js stopped after 2 failures in a row, the video waiting: fragLoadError (HTTP 503 for ${manifest.replace('manifest.m3u8', 'audio/init_2.mp4')}).`,
    ]);
  });

  it("counts no load that hls.js aborted itself (a key's, once the init before it failed): no failure of the network", () => {
    const { hls, video, fatals } = setup();
    waitingViewer(video);
    hls.error(failed(503));
    hls.error({ ...failed(), details: 'aborted', response: undefined });
    hls.error({ ...failed(), details: 'aborted', response: undefined });
    expect(fatals).toEqual([]);
  });

  it('gives up on a request that got no answer with no HTTP status (hls.js says 0), as the video.js engine does', () => {
    const { hls, fatals } = setup();
    hls.error({ ...failed(0), fatal: true });
    expect(fatals.map(({ error, status }) => [error.code, error.status, status])).toEqual([
      ['network', undefined, undefined],
    ]);
  });

  it("gives up with the last failure's detail and status: what the request fails with now", () => {
    const { hls, video, fatals } = setup();
    waitingViewer(video);
    hls.error(failed(503));
    hls.error(failed(0, 'fragLoadTimeOut'));
    expect(fatals.map(({ error, status }) => [error.code, status, error.message])).toEqual([
      // No answer (hls.js's status 0): no HTTP status, as the video.js engine says it.
      ['network', undefined, 'hls.js stopped after 2 failures in a row, the video waiting: fragLoadTimeOut.'],
    ]);
  });

  it("gives up with nothing of the viewer's once a recovered source has loaded: the element has their state again", () => {
    const { hls, video, hooks } = setup();
    const viewers: unknown[] = [];
    hooks.onFatal = (_error, _status, viewer) => void viewers.push(viewer);
    Object.assign(video, { paused: false, playbackRate: 1.5, currentTime: 7, readyState: 4 });
    hls.error({ type: FakeHls.ErrorTypes.MEDIA_ERROR, details: 'bufferAppendError', fatal: true });
    video.fire('loadedmetadata'); // the recovered source loaded, and plays on
    waitingViewer(video);
    hls.error(failed());
    hls.error(failed());
    expect(viewers).toEqual([undefined]);
  });

  it.each(['plays the mp4', 'is destroyed'] as const)(
    'leaves a stall to others once the engine %s',
    (what) => {
      const { engine, hls, video, fatals } = setup();
      Object.assign(video, { paused: false, readyState: 4 });
      hls.error(failed());
      hls.error(failed());
      if (what === 'plays the mp4')
        engine.loadMp4('https://vod.api.video/vod/vi1/token/pt1/mp4/source.mp4?avh=st-1');
      else engine.destroy();
      video.readyState = 2;
      video.fire('waiting');
      expect(fatals).toEqual([]);
    },
  );
});

describe('hls.js engine: media errors', () => {
  const mediaError = { type: FakeHls.ErrorTypes.MEDIA_ERROR, details: 'bufferAppendError', fatal: true };

  it('recovers once, then plays on at the rate it had (the new source reset both)', () => {
    const { hls, video, fatals } = setup();
    Object.assign(video, { paused: false, playbackRate: 1.5 });
    hls.error(mediaError);
    expect(hls.calls.at(-1)).toBe('recoverMediaError');
    video.fire('loadedmetadata');
    expect([video.paused, video.playbackRate]).toEqual([false, 1.5]);
    expect(fatals).toEqual([]);
    hls.error(mediaError);
    expect(fatals.map(({ error }) => error.code)).toEqual(['media']);
  });

  it('gives up with what the viewer had when the recovered source fails before it loaded (it holds a reset)', () => {
    const { hls, video, hooks } = setup();
    const viewers: unknown[] = [];
    hooks.onFatal = (_error, _status, viewer) => void viewers.push(viewer);
    Object.assign(video, { paused: false, playbackRate: 1.5, currentTime: 7, readyState: 4 });
    hls.error(mediaError);
    hls.error(mediaError); // the recovery's load() reset the element, and nothing loaded since
    expect(viewers).toEqual([{ position: 7, play: true, rate: 1.5 }]);
    // Before anything had loaded, the element held no state of the viewer's: the controller has it.
    const early = setup();
    early.hooks.onFatal = (_error, _status, viewer) => void viewers.push(viewer);
    early.hls.error(mediaError);
    early.hls.error(mediaError);
    expect(viewers).toEqual([{ position: 7, play: true, rate: 1.5 }, undefined]);
  });

  it('says what the viewer had while the recovered source loads, then the mp4 engine says it', () => {
    const { engine, hls, video } = setup();
    Object.assign(video, { paused: false, playbackRate: 1.5, currentTime: 7, readyState: 4 });
    hls.error(mediaError);
    expect(engine.viewer!()).toEqual({ position: 7, play: true, rate: 1.5 });
    video.fire('loadedmetadata');
    expect(engine.viewer!()).toBeUndefined();
    engine.loadMp4('https://vod.api.video/vod/vi1/token/pt1/mp4/source.mp4?avh=st-1');
    video.fire('loadedmetadata');
    Object.assign(video, { paused: false, currentTime: 9 });
    engine.resume(9); // a renewal: the mp4 is set again, signed anew
    expect(engine.viewer!()).toMatchObject({ position: 9, play: true });
  });

  it.each(['manifestIncompatibleCodecsError', 'bufferIncompatibleCodecsError'])(
    'gives up at once, as unsupported, on a %s: a recovery cannot add codecs',
    (details) => {
      const { hls, fatals } = setup();
      hls.error({ ...mediaError, details });
      expect(hls.calls).not.toContain('recoverMediaError');
      expect(fatals.map(({ error }) => [error.code, error.message])).toEqual([
        ['unsupported', `hls.js gave up: ${details}.`],
      ]);
    },
  );

  it('keeps a paused video paused, and restores nothing once destroyed', () => {
    const paused = setup();
    paused.video.playbackRate = 2;
    paused.hls.error(mediaError);
    paused.video.fire('loadedmetadata');
    expect([paused.video.play.mock.calls.length, paused.video.playbackRate]).toEqual([0, 2]);
    const destroyed = setup();
    Object.assign(destroyed.video, { paused: false, playbackRate: 2 });
    destroyed.hls.error(mediaError);
    destroyed.engine.destroy();
    destroyed.video.fire('loadedmetadata');
    expect([destroyed.video.play.mock.calls.length, destroyed.video.listeners]).toEqual([0, 0]);
  });
});

describe('hls.js engine: subtitles', () => {
  const subs = 'https://vod.api.video/vod/vi1/token/pt1/hls/subs';

  it.each([
    [
      'subtitle file',
      { details: 'fragLoadError', frag: { type: 'subtitle', url: `${subs}/subs.vtt?avh=st-1` } },
      404,
    ],
    [
      'subtitle playlist',
      {
        details: 'subtitleTrackLoadError',
        context: { type: 'subtitleTrack', url: `${subs}/index.m3u8?avh=st-1` },
      },
      503,
    ],
  ])('plays on without the subtitles when hls.js gives up on a %s', (_asset, data, status) => {
    const { hls, video, fatals } = setup();
    hls.levels = [{}];
    video.currentTime = 4;
    hls.error({ type: FakeHls.ErrorTypes.NETWORK_ERROR, fatal: true, response: { code: status }, ...data });
    expect(fatals).toEqual([]);
    expect(hls.subtitleTrack).toBe(-1);
    expect(hls.calls.at(-1)).toBe('startLoad 4'); // hls.js stopped loading everything on its fatal error
  });

  it("still reports a subtitle's refusal, so a dead session is checked and renewed", () => {
    const { hls, refused } = setup();
    const url = `${subs}/subs.vtt?avh=st-1`;
    hls.error({
      details: 'fragLoadError',
      fatal: true,
      frag: { type: 'subtitle', url },
      response: { code: 403 },
    });
    expect(refused).toEqual([{ status: 403, url }]);
  });
});

describe('hls.js engine: subtitles given up on a dead session', () => {
  const vtt = 'https://vod.api.video/vod/vi1/token/pt1/hls/subs/subs.vtt';
  /** `token` `null`: the URL as hls.js really reports a child URI, without the `avh` its request had. */
  const givenUp = (code: number, token: string | null = 'st-1') => ({
    type: FakeHls.ErrorTypes.NETWORK_ERROR,
    details: 'fragLoadError',
    fatal: true,
    frag: { type: 'subtitle', url: token === null ? vtt : `${vtt}?avh=${token}` },
    response: { code },
  });

  it('gives the track back after a renewal, and leaves a missing one off, as hls.js reports their URLs (no avh)', () => {
    const renewed = setup();
    renewed.hls.levels = [{}];
    renewed.hls.subtitleTrack = 1;
    renewed.hls.error(givenUp(403, null));
    renewed.session.token = 'st-2';
    renewed.engine.resume(4);
    expect(renewed.hls.subtitleTrack).toBe(1);
    const missing = setup();
    missing.hls.levels = [{}];
    missing.hls.subtitleTrack = 1;
    missing.hls.error(givenUp(404, null));
    missing.engine.resume(4); // the same session: one more try of something else
    expect(missing.hls.subtitleTrack).toBe(-1);
  });

  it('gives the viewer their subtitle track back once the session is renewed', () => {
    const { engine, hls, session } = setup();
    hls.levels = [{}];
    hls.subtitleTrack = 1;
    hls.error(givenUp(403));
    expect(hls.subtitleTrack).toBe(-1);
    session.token = 'st-2'; // the controller renewed the session, then resumes the engine
    engine.resume(4);
    expect(hls.subtitleTrack).toBe(1);
  });

  it('leaves off a subtitle track refused on the session that still plays (missing, not expired)', () => {
    const { engine, hls } = setup();
    hls.levels = [{}];
    hls.error(givenUp(404));
    engine.resume(4);
    expect(hls.subtitleTrack).toBe(-1);
  });

  it('keeps the track the viewer chose since', () => {
    const { engine, hls, session } = setup();
    hls.levels = [{}];
    hls.error(givenUp(403));
    hls.subtitleTrack = 2;
    session.token = 'st-2';
    engine.resume(4);
    expect(hls.subtitleTrack).toBe(2);
  });
});

describe('hls.js engine: preload="none"', () => {
  it('attaches the media at once but loads the manifest only when the video plays, signed then', async () => {
    const fake = createFakeHooks();
    const video = new FakeVideo();
    video.preload = 'none';
    const engine = createHlsEngine({ video: video.asElement(), hooks: fake.hooks });
    engine.loadHls(`${manifest}?avh=st-1`);
    const hls = FakeHls.last!;
    expect([hls.media, hls.calls]).toEqual([video, []]);
    fake.session.token = 'st-2';
    await video.play();
    expect(hls.calls).toEqual([`loadSource ${manifest}?avh=st-2`]);
    await video.play();
    expect(hls.calls).toHaveLength(1); // once
  });

  it('loads nothing once destroyed before the video plays', async () => {
    const video = new FakeVideo();
    video.preload = 'none';
    const engine = createHlsEngine({ video: video.asElement(), hooks: createFakeHooks().hooks });
    engine.loadHls(`${manifest}?avh=st-1`);
    engine.destroy();
    await video.play();
    expect(FakeHls.last!.calls).toEqual([]);
  });
});

describe('hls.js engine: a seek WebKit leaves pending', () => {
  it('is made again while the engine lives (see watchStuckSeek), and no more once it is destroyed', () => {
    const timers: Array<() => void> = [];
    const { video, engine } = setup({
      setTimeout: (callback) => timers.push(callback),
      clearTimeout: () => {},
    });
    video.ranges = [[0.07, 12]];
    const seeks: number[] = [];
    Object.defineProperty(video, 'currentTime', {
      get: () => seeks.at(-1) ?? 0,
      set: (time: number) => {
        seeks.push(time);
        video.seeking = true;
        video.fire('seeking');
      },
    });
    video.asElement().currentTime = 0.17; // as hls.js does to skip the gap at the start
    timers.shift()!();
    expect(seeks).toEqual([0.17, 0.17]);
    engine.destroy();
    timers.length = 0;
    video.asElement().currentTime = 0.3;
    expect(timers).toEqual([]);
  });
});
