import { createFakeDelivery, reachableStrings } from '@private-video/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EngineContext } from '../playback/PlaybackEngine.js';
import { createPrivatePlayback } from '../playback/PrivatePlayback.js';
import { SessionClient } from '../session/SessionClient.js';
import { createFakeHooks, FakeVideo } from '../test-utils/fakePlayback.js';

/** Just enough of a video.js player with VHS: the test drives its errors and responses. */
const { FakePlayer, videojs } = vi.hoisted(() => {
  type Listener = () => void;
  type ErrorHook = (player: unknown, error: unknown) => unknown;
  /** video.js's global hooks, as `hook` / `removeHook` keep them. */
  const errorHooks = new Set<ErrorHook>();
  type ResponseHook = (request: { uri?: string; status?: number; aborted?: boolean }) => void;
  type RequestOptions = { uri: string; beforeSend?: (xhr: EventTarget & { status: number }) => void };
  type RequestHook = (options: RequestOptions) => RequestOptions;
  /** VHS's per-player xhr: its hooks. */
  class FakeXhr {
    readonly responseHooks = new Set<ResponseHook>();
    readonly requestHooks = new Set<RequestHook>();
    onRequest = (hook: RequestHook) => void this.requestHooks.add(hook);
    offRequest = (hook: RequestHook) => void this.requestHooks.delete(hook);
    onResponse = (hook: ResponseHook) => void this.responseHooks.add(hook);
    offResponse = (hook: ResponseHook) => void this.responseHooks.delete(hook);
  }
  /** video.js's registry of players by id: a disposed one's entry stays, as `null`. */
  const players: Record<string, unknown> = {};
  let created = 0;
  class FakePlayer {
    readonly #id = `vjs_video_${++created}`;
    id = () => this.#id;
    static last: FakePlayer | undefined;
    readonly listeners = new Map<string, Set<Listener>>();
    readonly sources: { src: string; type: string }[] = [];
    readonly play = vi.fn(async () => {
      this.isPaused = false;
    });
    errorValue: unknown = null;
    time = 0;
    rate = 1;
    isPaused = true;
    /** The xhr of the VHS playing the source: none before an HLS source, nor for an mp4. */
    xhr: FakeXhr | undefined;

    constructor() {
      FakePlayer.last = this;
      players[this.#id] = this;
    }
    on(type: string, listener: Listener) {
      const set = this.listeners.get(type) ?? new Set();
      this.listeners.set(type, set.add(listener));
    }
    /** As video.js's: also removes what `one` added for that listener. */
    off(type: string, listener: Listener) {
      const set = this.listeners.get(type);
      for (const added of set ?? []) {
        if (added === listener || (added as { original?: Listener }).original === listener)
          set!.delete(added);
      }
    }
    one(type: string, listener: Listener) {
      const once = Object.assign(
        () => {
          this.off(type, once);
          listener();
        },
        { original: listener },
      );
      this.on(type, once);
    }
    trigger(type: string) {
      for (const listener of [...(this.listeners.get(type) ?? [])]) listener();
    }
    ready(callback: () => void) {
      callback();
    }
    /** VHS's state once the manifest loaded: its parsed playlist and its segment loaders. */
    loaded: object = {};
    tech() {
      return { vhs: this.xhr && { xhr: this.xhr, ...this.loaded } };
    }
    /** As video.js: every `beforeerror` hook may replace the error before it is kept and fired. */
    error(...args: unknown[]) {
      if (args.length === 0) return this.errorValue;
      let error = args[0];
      for (const hook of errorHooks) error = hook(this, error);
      this.errorValue = error;
      if (error) this.trigger('error');
      return undefined;
    }
    /** A new source pauses the element and resets its rate, as the media element's load does. */
    /** As video.js's tech: it disposes of the VHS there was, and VHS makes a new one, with its own xhr, for HLS. */
    src(source: { src: string; type: string }) {
      this.sources.push(source);
      this.isPaused = true;
      this.rate = 1;
      this.xhr = source.type === 'video/mp4' ? undefined : new FakeXhr();
      if (this.xhr !== undefined) this.trigger('xhr-hooks-ready');
    }
    currentTime(value?: number) {
      if (value !== undefined) this.time = value;
      return this.time;
    }
    playbackRate(value?: number) {
      if (value !== undefined) this.rate = value;
      return this.rate;
    }
    paused() {
      return this.isPaused;
    }
    /** `aborted`: as VHS marks a request it aborted itself. */
    respond(uri: string, status: number, aborted?: boolean, xhr = this.xhr) {
      for (const hook of xhr?.responseHooks ?? []) hook({ uri, status, aborted });
    }
    /** VHS sends a request: its hooks see the options, then @videojs/xhr gives `beforeSend` the XHR. */
    send(uri: string) {
      const vhsXhr = this.xhr; // the VHS that asks: the one that hears the answer
      let options: RequestOptions = { uri };
      for (const hook of vhsXhr?.requestHooks ?? []) options = hook(options);
      const end = () => xhr.dispatchEvent(new Event('loadend'));
      const xhr = Object.assign(new EventTarget(), { status: 0, abort: end });
      options.beforeSend?.(xhr);
      return {
        /** What the request was sent as: signed by the hooks. */
        options,
        answer: (status: number) => {
          xhr.status = status;
          this.respond(uri, status, undefined, vhsXhr);
          end();
        },
        /** Some bytes of the answer came. */
        progress: () => xhr.dispatchEvent(new Event('progress')),
        xhr,
        /** VHS aborted it: its response hooks never hear of it, only the XHR's `loadend` tells. */
        abort: end,
      };
    }
    dispose() {
      players[this.#id] = null;
    }
  }
  const videojs = Object.assign(
    vi.fn((_video: unknown, _options?: object) => new FakePlayer()),
    {
      errorHooks,
      options: {} as { vhs?: { experimentalUseMMS?: boolean } },
      /** VHS's, as before 3.14: yes to HLS, whether or not there are Media Source Extensions. */
      VhsSourceHandler: { canHandleSource: (_source: object, _options: object): string => 'maybe' },
      log: { warn: vi.fn(), error: vi.fn(), debug: vi.fn() },
      hook: (_type: string, hook: ErrorHook) => void errorHooks.add(hook),
      removeHook: (_type: string, hook: ErrorHook) => void errorHooks.delete(hook),
      getPlayers: () => players,
    },
  );
  return { FakePlayer, videojs };
});
vi.mock('video.js', () => ({ default: videojs }));

const { createVideojsEngine, videojsEngine } = await import('./videojsEngine.js');

const base = 'https://vod.api.video/vod/vi1/token/pt1';
const manifest = `${base}/hls/manifest.m3u8`;

const engines: { destroy(): void }[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) engine.destroy();
});

/** An engine playing the signed manifest; `beforeLoad` prepares its player first. */
function setup(
  context: Partial<EngineContext> = {},
  beforeLoad?: (player: InstanceType<typeof FakePlayer>) => void,
) {
  const fake = createFakeHooks('st-secret');
  const video = new FakeVideo();
  const engine = createVideojsEngine({ video: video.asElement(), hooks: fake.hooks, ...context });
  engines.push(engine);
  const player = FakePlayer.last!;
  fake.hooks.playing = () => !player.paused(); // the controller's answers, on the fake player
  fake.hooks.waiting = () => !player.paused() && video.readyState < 3;
  beforeLoad?.(player);
  engine.loadHls(`${manifest}?avh=st-secret`);
  return { engine, player, video, ...fake };
}

describe('video.js engine: options', () => {
  it("adds the app's videojsOptions, and its VHS options to ours: overrideNative stays (native HLS goes unsigned)", () => {
    setup({
      videojsOptions: {
        fluid: true,
        html5: { vhs: { bandwidth: 5e6 }, preloadTextTracks: false },
      },
    });
    expect(videojs.mock.lastCall?.[1]).toEqual({
      fluid: true,
      html5: {
        nativeAudioTracks: false,
        nativeVideoTracks: false,
        playerElIngest: true,
        preloadTextTracks: false,
        vhs: { overrideNative: true, cacheEncryptionKeys: true, bandwidth: 5e6 },
      },
    });
  });

  it('has VHS keep its AES-128 keys, rather than ask for one with every segment', () => {
    setup();
    expect(videojs.mock.lastCall?.[1]).toMatchObject({ html5: { vhs: { cacheEncryptionKeys: true } } });
  });

  it('lets an app that names a VHS option of ours set it otherwise', () => {
    setup({ videojsOptions: { html5: { vhs: { overrideNative: false, cacheEncryptionKeys: false } } } });
    expect(videojs.mock.lastCall?.[1]).toMatchObject({
      html5: { vhs: { overrideNative: false, cacheEncryptionKeys: false } },
    });
  });
});

describe('video.js engine: errors', () => {
  it('keeps the session token out of the error when VHS writes the signed URL into its own', () => {
    const { player, fatals } = setup();
    const signed = `${manifest}?avh=st-secret`;
    // The shape VHS gives `player.error()` for a refused manifest.
    player.error({
      code: 2,
      message: `HLS playlist request error at URL: ${signed}.`,
      status: 500,
      metadata: {
        uri: signed,
        requestType: 'hls-playlist',
        errorType: 'networkbadstatus',
        request: { uri: signed },
      },
    });
    const { error } = fatals[0]!;
    expect(error.message).toContain(`HLS playlist request error at URL: ${manifest}`);
    expect(error.url).toBe(manifest);
    expect(reachableStrings(error).filter((text) => text.includes('st-secret'))).toEqual([]);
  });

  it('names the refused manifest when the error comes from the media pipeline, which names no request', () => {
    const { player, fatals } = setup();
    player.respond(`${manifest}?avh=st-secret`, 404);
    // VHS ends the stream once the manifest is refused: the element's error holds no URL or status.
    player.error({ code: 4, message: 'MEDIA_ELEMENT_ERROR: Empty src attribute' });
    expect(fatals).toHaveLength(1);
    // So the controller checks the session with the thumbnail, not with the very manifest refused.
    expect(fatals[0]).toMatchObject({ status: 404, error: { code: 'media', status: 404, url: manifest } });
  });

  it('names the failed manifest and its status when the media pipeline gives up after it (VHS ended the stream)', () => {
    const { player, fatals } = setup();
    player.respond(`${manifest}?avh=st-secret`, 500);
    // Once its MediaSource is open, VHS ends the stream instead of firing its own error (which has both).
    player.error({ code: 4, message: 'PipelineStatus::DEMUXER_ERROR_COULD_NOT_OPEN' });
    expect(fatals[0]).toMatchObject({ status: 500, error: { code: 'media', status: 500, url: manifest } });
  });

  it('blames no request for a media pipeline error when the video answered since it failed', () => {
    const { player, fatals } = setup();
    player.respond(`${base}/hls/360p/seg_003.ts?avh=st-secret`, 500);
    player.respond(`${base}/hls/360p/seg_003.ts?avh=st-secret`, 200);
    player.error({ code: 3, message: 'PIPELINE_ERROR_DECODE' });
    expect(fatals[0]).toMatchObject({
      status: undefined,
      error: { code: 'media', status: undefined, url: undefined },
    });
  });

  it('fails as the connection when the request before the media pipeline gave up got no answer', () => {
    const { player, fatals } = setup();
    player.respond(`${manifest}?avh=st-secret`, 0);
    // VHS ends the stream once the manifest got no answer (Chromium's words, no request named).
    player.error({ code: 4, message: 'PipelineStatus::DEMUXER_ERROR_COULD_NOT_OPEN' });
    expect(fatals.map(({ error }) => error.code)).toEqual(['network']);
  });

  it.each([
    ['its status and URL', { status: 500, metadata: { uri: `${manifest}?avh=st-secret` } }],
    ['its status', { status: 500 }],
    ['its URL', { metadata: { uri: `${manifest}?avh=st-secret`, errorType: 'networkrequestfailed' } }],
  ] as const)(
    'fails as media when the error names %s, though the request before it got no answer',
    (_what, error) => {
      const { player, fatals } = setup();
      player.respond(`${base}/hls/360p/seg_003.ts?avh=st-secret`, 0);
      player.error({ code: 2, message: 'HLS playlist request error', ...error });
      expect(fatals.map(({ error }) => error.code)).toEqual(['media']);
    },
  );

  it('fails as media when the last request that failed before the media pipeline gave up was answered', () => {
    const { player, fatals } = setup();
    player.respond(`${base}/hls/360p/seg_003.ts?avh=st-secret`, 0);
    player.respond(`${base}/hls/360p/seg_004.ts?avh=st-secret`, 500);
    player.error({ code: 4, message: 'PipelineStatus::DEMUXER_ERROR_COULD_NOT_OPEN' });
    expect(fatals.map(({ error }) => error.code)).toEqual(['media']);
  });

  it('fails the mp4 that replaced HLS as media when it cannot be played, whatever HLS got no answer for', () => {
    const { engine, player, fatals } = setup();
    player.respond(`${manifest}?avh=st-secret`, 0);
    engine.loadMp4(`${base}/mp4/source.mp4?avh=st-secret`);
    player.error({ code: 4, message: 'MEDIA_ERR_SRC_NOT_SUPPORTED' });
    expect(fatals.map(({ error }) => error.code)).toEqual(['media']);
  });

  it('forgets the failure of the source replaced: the mp4 that failed after it names nothing of HLS', () => {
    const { engine, player, fatals } = setup();
    player.respond(`${manifest}?avh=st-secret`, 500);
    engine.loadMp4(`${base}/mp4/source.mp4?avh=st-secret`);
    player.error({ code: 4, message: 'MEDIA_ERR_SRC_NOT_SUPPORTED' });
    expect(fatals[0]).toMatchObject({
      status: undefined,
      error: { code: 'media', status: undefined, url: undefined },
    });
  });

  it('gives no status 0 to a pipeline error after a request that got no answer', () => {
    const { player, fatals } = setup();
    player.respond(`${manifest}?avh=st-secret`, 0);
    player.error({ code: 4, message: 'PipelineStatus::DEMUXER_ERROR_COULD_NOT_OPEN' });
    expect(fatals[0]).toMatchObject({
      status: undefined,
      error: { code: 'network', status: undefined, url: undefined },
    });
  });

  it('names the last failed request, not an earlier refusal, for a pipeline error', () => {
    const { player, fatals } = setup();
    player.respond(`${base}/hls/360p/seg_003.ts?avh=st-secret`, 403);
    player.respond(`${manifest}?avh=st-secret`, 500);
    player.error({ code: 4, message: 'PipelineStatus::DEMUXER_ERROR_COULD_NOT_OPEN' });
    expect(fatals[0]).toMatchObject({ status: 500, error: { status: 500, url: manifest } });
  });

  it("keeps VHS's own status and URL over the last refusal's", () => {
    const { player, fatals } = setup();
    player.respond(`${base}/hls/360p/seg_003.ts?avh=st-secret`, 403);
    const signed = `${manifest}?avh=st-secret`;
    player.error({ code: 2, message: 'HLS playlist request error', status: 500, metadata: { uri: signed } });
    expect(fatals[0]).toMatchObject({ status: 500, error: { status: 500, url: manifest } });
  });

  it.each([
    ['no answer (status 0)', 'network', { status: 0, metadata: { errorType: 'networkbadstatus' } }],
    ["VHS's time-out", 'network', { metadata: { errorType: 'networkrequesttimeout' } }],
    ['a server error', 'media', { status: 500, metadata: { errorType: 'networkbadstatus' } }],
    ['a refusal', 'media', { status: 403, metadata: { errorType: 'networkrequestfailed' } }],
    ['an error of the media', 'media', { code: 3, message: 'append failed' }],
  ] as const)('on %s, fails as %s', (_what, code, error) => {
    const { player, fatals } = setup();
    player.error({ code: 2, message: 'HLS playlist request error', ...error });
    expect(fatals.map((fatal) => fatal.error.code)).toEqual([code]);
  });
});

describe("video.js engine: the player's own error", () => {
  it('keeps the session token out of what the player logs, shows and returns, for its own player only', () => {
    const { engine, player } = setup();
    const other = new FakePlayer();
    const signed = `${manifest}?avh=st-secret`;
    const vhsError = () => ({
      code: 2,
      message: `HLS playlist request error at URL: ${signed}.`,
      playlist: { resolvedUri: signed },
      responseText: '',
      metadata: { uri: signed, errorType: 'networkbadstatus', request: { uri: signed } },
    });
    player.error(vhsError());
    other.error(vhsError());
    expect(reachableStrings(player.error()).filter((text) => text.includes('st-secret'))).toEqual([]);
    expect(player.error()).toMatchObject({
      code: 2,
      metadata: { uri: manifest, errorType: 'networkbadstatus' },
    });
    expect(other.error()).toEqual(vhsError()); // another player on the page is not ours to change
    engine.destroy();
    expect(videojs.errorHooks.size).toBe(0);
  });

  it("keeps the session token out of VHS's log lines while it lives, and puts the logger back after", () => {
    const warn = videojs.log.warn;
    const { engine } = setup();
    videojs.log.warn(
      `Problem encountered with playlist 0-v0. HLS request errored at URL: ${manifest}?avh=st-secret`,
    );
    expect(warn).toHaveBeenLastCalledWith(
      `Problem encountered with playlist 0-v0. HLS request errored at URL: ${manifest}`,
    );
    engine.destroy();
    expect(videojs.log.warn).toBe(warn);
  });

  it('releases its global error hook and the logger even when the player throws while disposed', () => {
    const warn = videojs.log.warn;
    const { engine, player } = setup();
    engines.splice(engines.indexOf(engine), 1);
    const bug = new Error('dispose failed');
    player.dispose = () => {
      throw bug;
    };
    expect(() => engine.destroy()).toThrow(bug); // the controller reports it
    expect(videojs.errorHooks.size).toBe(0);
    expect(videojs.log.warn).toBe(warn);
  });
});

describe("video.js engine: video.js's registry of players", () => {
  it('keeps no entry of its player once destroyed (video.js keeps a null one)', () => {
    const { engine, player } = setup();
    engines.splice(engines.indexOf(engine), 1);
    expect(videojs.getPlayers()[player.id()]).toBe(player);
    engine.destroy();
    expect(videojs.getPlayers()).not.toHaveProperty(player.id());
  });

  it('keeps the entry of a player created since under the same id', () => {
    const { engine, player } = setup();
    engines.splice(engines.indexOf(engine), 1);
    player.dispose = () => {}; // disposed as the next player (the same `id` prop) took the id, before ours
    const next = {};
    videojs.getPlayers()[player.id()] = next;
    engine.destroy();
    expect(videojs.getPlayers()[player.id()]).toBe(next);
  });
});

describe('video.js engine: assets VHS keeps retrying', () => {
  it('gives up on an asset refused 3 times, as hls.js would, with its status and unsigned URL', () => {
    const { player, fatals, refused } = setup();
    const segment = `${base}/hls/360p/seg_003.ts`;
    player.respond(`${segment}?avh=st-secret`, 404);
    player.respond(`${segment}?avh=st-secret`, 404);
    expect(fatals).toEqual([]);
    player.respond(`${segment}?avh=st-secret`, 404);
    expect(refused).toHaveLength(3);
    expect(fatals).toHaveLength(1);
    expect(fatals[0]).toMatchObject({ status: 404, error: { status: 404, url: segment } });
  });

  it('counts anew after a renewal: the refusals so far were about the dead session', () => {
    const { engine, player, fatals } = setup();
    const segment = `${base}/hls/360p/seg_003.ts?avh=st-secret`;
    player.respond(segment, 403);
    player.respond(segment, 403);
    engine.resume(2);
    player.respond(segment, 403);
    player.respond(segment, 403);
    expect(fatals).toEqual([]);
  });

  it('gives up on an asset failing with 5xx 3 times in a row, as no refusal: the controller falls back', () => {
    const { player, fatals, refused } = setup();
    const segment = `${base}/hls/360p/seg_003.ts`;
    for (let attempt = 0; attempt < 3; attempt++) player.respond(`${segment}?avh=st-secret`, 503);
    expect(refused).toEqual([]); // a 5xx says nothing about the session
    expect(fatals).toHaveLength(1);
    expect(fatals[0]).toMatchObject({ status: 503, error: { status: 503, url: segment } });
    expect(fatals[0]!.error.message).toContain('seg_003.ts: failed 3 times in a row (HTTP 503)');
  });

  it('counts failures in a row: an answer of the asset in between starts its count again', () => {
    const { player, fatals } = setup();
    const segment = `${base}/hls/360p/seg_003.ts?avh=st-secret`;
    player.respond(segment, 503);
    player.respond(segment, 503);
    player.respond(segment, 200);
    player.respond(segment, 503);
    player.respond(segment, 503);
    expect(fatals).toEqual([]);
    player.respond(segment, 503);
    expect(fatals).toHaveLength(1);
  });

  describe('a viewer left waiting on it (as with hls.js)', () => {
    const segment = `${base}/hls/360p/seg_003.ts`;
    /** Playing what is buffered (HAVE_ENOUGH_DATA), or with the buffer run out (HAVE_CURRENT_DATA). */
    const playingWith = (player: InstanceType<typeof FakePlayer>, video: FakeVideo, readyState: number) => {
      player.isPaused = false;
      video.readyState = readyState;
    };

    it('gives up at the second failure in a row, rather than wait for a third', () => {
      const { player, video, fatals } = setup();
      playingWith(player, video, 2);
      player.respond(`${segment}?avh=st-secret`, 503);
      expect(fatals).toEqual([]); // one more try first: a passing server error usually mends that way
      player.respond(`${segment}?avh=st-secret`, 503);
      expect(fatals.map(({ error, status }) => [error.message, status, error.url])).toEqual([
        [
          'video.js cannot load seg_003.ts: failed 2 times in a row, the video waiting (HTTP 503).',
          503,
          segment,
        ],
      ]);
    });

    it('gives up when the buffer runs out after two failures, and once only', () => {
      const { player, video, fatals } = setup();
      playingWith(player, video, 4);
      player.respond(`${segment}?avh=st-secret`, 0);
      player.respond(`${segment}?avh=st-secret`, 0);
      player.respond(`${base}/hls/360p/seg_004.ts?avh=st-secret`, 503); // another asset: a count of its own
      expect(fatals).toEqual([]);
      video.readyState = 2;
      player.trigger('waiting');
      player.trigger('waiting');
      expect(fatals.map(({ error }) => [error.code, error.message])).toEqual([
        [
          'network',
          'video.js cannot load seg_003.ts: failed 2 times in a row, the video waiting (no answer).',
        ],
      ]);
    });

    it('lets VHS try again for a paused video, one failure, or a session being checked or renewed', () => {
      let renewing = false;
      const { player, video, fatals } = setup({ renewing: () => renewing });
      video.readyState = 2; // paused
      player.respond(`${segment}?avh=st-secret`, 404);
      player.respond(`${segment}?avh=st-secret`, 404);
      player.trigger('waiting');
      expect(fatals).toEqual([]);
      const one = setup();
      playingWith(one.player, one.video, 2);
      one.player.respond(`${segment}?avh=st-secret`, 503);
      one.player.trigger('waiting');
      expect(one.fatals).toEqual([]);
      renewing = true;
      player.isPaused = false;
      player.trigger('waiting');
      expect(fatals).toEqual([]);
      renewing = false; // the session was alive: the asset is missing
      player.trigger('waiting');
      expect(fatals.map(({ status }) => status)).toEqual([404]);
    });

    it('leaves an ordinary stall alone once VHS got past the failures (another rendition, the next segments)', () => {
      const { player, video, fatals } = setup();
      playingWith(player, video, 4);
      player.respond(`${segment}?avh=st-secret`, 503);
      player.respond(`${segment}?avh=st-secret`, 503);
      player.respond(`${base}/hls/720p/seg_003.ts?avh=st-secret`, 200);
      player.respond(`${base}/hls/720p/seg_004.ts?avh=st-secret`, 200);
      video.readyState = 2; // later, the buffer runs out for another reason
      player.trigger('waiting');
      expect(fatals).toEqual([]);
      player.respond(`${segment}?avh=st-secret`, 503); // asked for again, it fails a third time in a row
      expect(fatals.map(({ error }) => error.message)).toEqual([
        'video.js cannot load seg_003.ts: failed 3 times in a row (HTTP 503).',
      ]);
    });

    it('stops watching once the engine is destroyed', () => {
      const { engine, player } = setup();
      engine.destroy();
      expect(player.listeners.get('waiting')?.size ?? 0).toBe(0);
    });
  });

  describe('subtitles, which VHS drops at their first failure and asks for again when shown again', () => {
    const subsPlaylist = `${base}/hls/subs/index.m3u8`;
    const subsFile = `${base}/hls/subs/en.webvtt`; // named by the playlist it belongs to, not by its URL
    /** VHS once the manifest and the subtitle playlist loaded (resolved URLs, without the session). */
    const withSubtitles = (player: InstanceType<typeof FakePlayer>) => {
      player.loaded = {
        playlists: {
          main: { mediaGroups: { SUBTITLES: { subs: { English: { resolvedUri: subsPlaylist } } } } },
        },
        playlistController_: {
          subtitleSegmentLoader_: { playlist_: { segments: [{ resolvedUri: subsFile }] } },
        },
      };
    };

    it.each([
      ['subtitle file', subsFile, 404],
      ['subtitle playlist', subsPlaylist, 503],
    ])(
      'never gives up on a %s failing again and again: the video plays on without it',
      (_asset, uri, status) => {
        const { player, fatals } = setup();
        withSubtitles(player);
        for (let attempt = 0; attempt < 5; attempt++) player.respond(`${uri}?avh=st-secret`, status);
        expect(fatals).toEqual([]);
      },
    );

    it('fails as media, not the connection, when the media pipeline gives up after a subtitle got no answer', () => {
      const { player, fatals } = setup();
      withSubtitles(player);
      player.respond(`${subsFile}?avh=st-secret`, 0);
      player.error({ code: 4, message: 'PipelineStatus::DEMUXER_ERROR_COULD_NOT_OPEN' });
      expect(fatals.map(({ error }) => error.code)).toEqual(['media']);
    });

    it('a media pipeline error names the failed video segment, whatever a subtitle did since', () => {
      const { player, fatals } = setup();
      withSubtitles(player);
      const segment = `${base}/hls/360p/seg_003.ts`;
      player.respond(`${segment}?avh=st-secret`, 500);
      player.respond(`${subsFile}?avh=st-secret`, 200);
      player.respond(`${subsFile}?avh=st-secret`, 403);
      player.error({ code: 4, message: 'PipelineStatus::DEMUXER_ERROR_COULD_NOT_OPEN' });
      expect(fatals[0]).toMatchObject({ status: 500, error: { status: 500, url: segment } });
    });

    it('a media pipeline error names no failed subtitle', () => {
      const { player, fatals } = setup();
      withSubtitles(player);
      player.respond(`${subsFile}?avh=st-secret`, 503);
      player.error({ code: 4, message: 'PipelineStatus::DEMUXER_ERROR_COULD_NOT_OPEN' });
      expect(fatals[0]).toMatchObject({ status: undefined, error: { status: undefined, url: undefined } });
    });

    it("still reports a subtitle's refusal, so a dead session is checked and renewed", () => {
      const { player, refused } = setup();
      withSubtitles(player);
      player.respond(`${subsFile}?avh=st-secret`, 403);
      expect(refused).toEqual([{ status: 403, url: `${subsFile}?avh=st-secret` }]);
    });

    it('still gives up on a video segment failing next to them', () => {
      const { player, fatals } = setup();
      withSubtitles(player);
      for (let attempt = 0; attempt < 3; attempt++)
        player.respond(`${base}/hls/360p/seg_003.ts?avh=st-secret`, 404);
      expect(fatals).toHaveLength(1);
    });
  });

  it('gives up on an asset that got no answer 3 times in a row (status 0: a dropped connection, a time-out)', () => {
    const { player, fatals, refused } = setup();
    const init = `${base}/hls/audio/init_2.mp4`;
    for (let attempt = 0; attempt < 3; attempt++) player.respond(`${init}?avh=st-secret`, 0);
    expect(refused).toEqual([]);
    expect(fatals).toHaveLength(1);
    // No answer is the connection's failure: the viewer is told to check it, should the mp4 fail too.
    expect(fatals[0]).toMatchObject({ status: undefined, error: { code: 'network', url: init } });
    expect(fatals[0]!.error.status).toBeUndefined();
    expect(fatals[0]!.error.message).toBe(
      'video.js cannot load init_2.mp4: failed 3 times in a row (no answer).',
    );
  });

  it('leaves requests VHS aborted itself to VHS', () => {
    const { player, fatals } = setup();
    for (let attempt = 0; attempt < 5; attempt++) player.respond(`${base}/hls/360p/seg_003.ts`, 0, true);
    expect(fatals).toEqual([]);
  });
});

describe('video.js engine: resume after a renewal', () => {
  it('sets the source again, newly signed, and restores position, rate and play state', () => {
    const { engine, player, session } = setup();
    player.rate = 1.5;
    player.isPaused = false;
    player.error({ code: 2, message: 'gave up' });
    session.token = 'st-2';
    engine.resume(6);
    expect(player.sources.at(-1)).toEqual({ src: `${manifest}?avh=st-2`, type: 'application/x-mpegURL' });
    player.trigger('loadedmetadata');
    expect([player.time, player.rate]).toEqual([6, 1.5]);
    expect(player.play).toHaveBeenCalledTimes(1);
  });

  it('sets the source again when the manifest itself was refused: VHS never asks for it again', () => {
    const { engine, player, session } = setup();
    // VHS's loaders exist, but no parsed manifest; the error was cleared by its media source's `loadstart`.
    player.loaded = { playlistController_: { mainSegmentLoader_: { paused: () => false, load: vi.fn() } } };
    session.token = 'st-2';
    engine.resume(0);
    expect(player.sources.map(({ src }) => src)).toEqual([
      `${manifest}?avh=st-secret`,
      `${manifest}?avh=st-2`,
    ]);
  });

  it('lets VHS go on, without a new source, once the manifest had loaded', () => {
    const { engine, player } = setup();
    const load = vi.fn();
    player.loaded = {
      playlists: { main: { playlists: [{ excludeUntil: Date.now() + 60_000 }] } },
      playlistController_: { mainSegmentLoader_: { paused: () => true, load } },
    };
    engine.resume(4);
    expect(player.sources).toHaveLength(1);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps a paused player paused', () => {
    const { engine, player } = setup();
    player.error({ code: 2, message: 'gave up' });
    engine.resume(6);
    player.trigger('loadedmetadata');
    expect(player.time).toBe(6);
    expect(player.play).not.toHaveBeenCalled();
  });
});

describe('video.js engine: a source set again that fails before it loaded', () => {
  it('gives up with what the viewer had: the element holds what the new source reset', () => {
    const { engine, player, video, hooks } = setup();
    const viewers: unknown[] = [];
    hooks.onFatal = (_error, _status, viewer) => void viewers.push(viewer);
    video.readyState = 4; // it played
    Object.assign(player, { rate: 1.5, isPaused: false });
    player.error({ code: 2, message: 'gave up' });
    engine.resume(6);
    video.readyState = 0; // the new source reset the element, and nothing loaded since
    player.error({ code: 2, message: 'gave up again' });
    expect(viewers).toEqual([undefined, { position: 6, play: true, rate: 1.5 }]);
  });

  it("restores the viewer's position and rate when resumed again before the source set again loaded", () => {
    const mp4 = `${base}/mp4/source.mp4`;
    const { engine, player, video, hooks, fatals } = setup();
    hooks.playing = () => true;
    engine.loadMp4(`${mp4}?avh=st-secret`); // the fallback
    // At 30 s, 1.5×, it stalls (the rest of a cut download got no answer): asked for again there.
    Object.assign(video, { readyState: 4, currentTime: 30, currentSrc: `${mp4}?avh=st-secret` });
    Object.assign(player, { rate: 1.5, isPaused: false, time: 30 });
    player.trigger('stalled');
    // Cut short too: the element, reset by the new source, fails before any of it loaded.
    Object.assign(video, { readyState: 0, currentTime: 0 });
    player.time = 0;
    player.error({ code: 4, message: 'MEDIA_ELEMENT_ERROR: Format error' });
    expect(fatals).toHaveLength(1);
    engine.resume(0); // the controller's one more load of an mp4 that failed before any of it loaded
    player.trigger('loadedmetadata');
    expect([player.time, player.rate]).toEqual([30, 1.5]);
  });

  it('says what the viewer had until the new source loaded (an app reading the position gets theirs, not 0)', () => {
    const { engine, player, video } = setup();
    video.readyState = 4; // it played
    Object.assign(player, { rate: 1.5, isPaused: false });
    player.error({ code: 2, message: 'gave up' });
    expect(engine.viewer!()).toBeUndefined();
    engine.resume(6);
    video.readyState = 0; // the new source reset the element
    expect(engine.viewer!()).toEqual({ position: 6, play: true, rate: 1.5 });
    video.readyState = 1; // it loaded: the element has the viewer's state again
    expect(engine.viewer!()).toBeUndefined();
  });

  it('leaves it to the controller before anything loaded (its startTime, autoPlay, rate)', () => {
    const fake = createFakeHooks('st-secret');
    const engine = createVideojsEngine({ video: new FakeVideo().asElement(), hooks: fake.hooks });
    engines.push(engine);
    const player = FakePlayer.last!;
    const viewers: unknown[] = [];
    fake.hooks.onFatal = (_error, _status, viewer) => void viewers.push(viewer);
    engine.loadHls(`${manifest}?avh=st-secret`);
    player.error({ code: 2, message: 'manifest refused' });
    engine.resume(0);
    player.error({ code: 2, message: 'gave up again' });
    expect(viewers).toEqual([undefined, undefined]);
  });
});

describe('video.js engine: a request whose answer never comes', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fails it after 10 s of silence, as a network error, and closes it; none is watched after destroy', () => {
    vi.useFakeTimers();
    const { engine, player } = setup();
    const failures: string[] = [];
    const watch = (request: ReturnType<typeof player.send>) => {
      request.xhr.addEventListener('error', () => failures.push('error'));
      request.xhr.addEventListener('loadend', () => failures.push('loadend'));
    };
    const silent = player.send(`${base}/hls/v0/seg_000.ts`);
    watch(silent);
    vi.advanceTimersByTime(10_000);
    expect(failures).toEqual(['error', 'loadend']);
    const left = player.send(`${base}/hls/v0/seg_001.ts`);
    watch(left);
    engine.destroy();
    vi.advanceTimersByTime(10_000);
    expect(failures).toEqual(['error', 'loadend']);
  });

  it("fails it after the app's answerTimeout instead, when it gives one", () => {
    vi.useFakeTimers();
    const { player } = setup({ answerTimeout: 3_000 });
    const silent = player.send(`${base}/hls/v0/seg_000.ts`);
    const failures: string[] = [];
    silent.xhr.addEventListener('error', () => failures.push('error'));
    vi.advanceTimersByTime(2_999);
    expect(failures).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(failures).toEqual(['error']);
  });
});

describe('video.js engine: an mp4 that stalls before any of it loaded', () => {
  const mp4 = `${base}/mp4/source.mp4`;

  it('asks for it once more, signed with the session of now, and with the restore it was set with', () => {
    const { engine, player, video, session } = setup();
    engine.loadMp4(`${mp4}?avh=st-secret`);
    video.readyState = 4; // it played, then failed
    Object.assign(player, { rate: 1.5, isPaused: false });
    video.currentSrc = `${mp4}?avh=st-secret`;
    player.error({ code: 2, message: 'network' });
    session.token = 'st-2';
    engine.resume(6);
    video.readyState = 0; // the new source reset the element; its first answer never came
    session.token = 'st-3';
    player.play.mockClear();
    player.trigger('stalled');
    expect(player.sources.slice(-2)).toEqual([
      { src: `${mp4}?avh=st-2`, type: 'video/mp4' },
      { src: `${mp4}?avh=st-3`, type: 'video/mp4' },
    ]);
    player.trigger('loadedmetadata');
    expect([player.time, player.rate, player.play.mock.calls.length]).toEqual([6, 1.5, 1]);
  });

  it('asks twice more, then fails rather than wait for good; a new source gets its own, HLS none', () => {
    const { engine, player, fatals } = setup();
    player.trigger('stalled'); // HLS: VHS's and the stall watch's
    engine.loadMp4(`${mp4}?avh=st-secret`);
    player.trigger('stalled');
    player.trigger('stalled');
    expect([player.sources.length, fatals]).toEqual([4, []]); // HLS, the mp4, two reloads
    player.trigger('stalled');
    expect(player.sources).toHaveLength(4);
    expect(fatals.map(({ error }) => [error.code, error.message])).toEqual([
      ['media', 'video.js cannot load the mp4: no data came, 3 times in a row.'],
    ]);
    engine.loadMp4(`${mp4}?avh=st-secret&next`);
    player.trigger('stalled');
    expect(player.sources).toHaveLength(6);
  });
});

describe('video.js engine: an mp4 that stalls mid-play (the rest of a cut download got no answer)', () => {
  const mp4 = `${base}/mp4/source.mp4`;

  /** The mp4 playing at 3 s, 1.5×: the viewer's state a reload must keep. */
  function playingMp4() {
    const started = setup();
    started.engine.loadMp4(`${mp4}?avh=st-secret`);
    Object.assign(started.video, { readyState: 4, currentTime: 3, currentSrc: `${mp4}?avh=st-secret` });
    Object.assign(started.player, { rate: 1.5, isPaused: false, time: 3 });
    return started;
  }

  it('asks for it again where playback stands, signed anew, and plays on from there', () => {
    const { player, session } = playingMp4();
    session.token = 'st-2';
    player.play.mockClear();
    player.trigger('stalled');
    expect(player.sources.at(-1)).toEqual({ src: `${mp4}?avh=st-2`, type: 'video/mp4' });
    player.trigger('loadedmetadata');
    expect([player.time, player.rate, player.play.mock.calls.length]).toEqual([3, 1.5, 1]);
  });

  it('asks twice more at one place, then fails; again once playback moved past it; never while paused', () => {
    const { engine, player, video, fatals } = playingMp4();
    const loads = () => player.sources.length;
    player.trigger('stalled');
    player.trigger('loadedmetadata');
    player.trigger('stalled'); // again where the last reload started
    player.trigger('loadedmetadata');
    expect([loads(), fatals]).toEqual([4, []]); // HLS, the mp4, two reloads
    player.trigger('stalled');
    expect([loads(), fatals.map(({ error }) => error.code)]).toEqual([4, ['media']]);
    engine.loadMp4(`${mp4}?avh=st-secret&next`); // another source: its stalls are its own
    player.isPaused = false; // the controller plays it
    video.currentTime = 5;
    player.trigger('stalled');
    expect(loads()).toBe(6);
    player.trigger('loadedmetadata');
    video.currentTime = 7;
    player.trigger('stalled');
    expect(loads()).toBe(7); // past 5 s: a new place
    player.trigger('loadedmetadata');
    player.isPaused = true; // the viewer's choice, not a stall to mend
    video.currentTime = 9;
    player.trigger('stalled');
    expect([loads(), fatals.length]).toEqual([7, 1]);
  });

  it('leaves an HLS stall to VHS and the stall watch', () => {
    const { player, video } = setup();
    Object.assign(video, { readyState: 4, currentTime: 3 });
    player.isPaused = false;
    player.trigger('stalled');
    expect(player.sources).toHaveLength(1);
  });
});

describe('video.js engine: a VHS that stops loading after a failure, without a word', () => {
  const segment = `${base}/hls/audio/seg_000.m4s`;
  const other = `${base}/hls/360p/seg_001.m4s?avh=st-secret`;
  afterEach(() => {
    for (const engine of engines.splice(0)) engine.destroy();
    vi.useRealTimers();
  });

  /** VHS playing (loaded, not paused) with a loader it paused and a rendition it excluded. */
  function playing(context: Partial<EngineContext> = {}) {
    vi.useFakeTimers();
    const started = setup(context);
    const load = vi.fn();
    started.player.loaded = {
      playlists: { main: { playlists: [{ excludeUntil: Date.now() + 60_000 }] } },
      playlistController_: { audioSegmentLoader_: { paused: () => true, load } },
    };
    started.player.isPaused = false;
    started.video.readyState = 4;
    const excluded = () =>
      (started.player.loaded as { playlists: { main: { playlists: object[] } } }).playlists.main.playlists[0];
    return { ...started, load, excluded };
  }

  it('tells VHS to go on after 2 s of nothing, then gives up after 2 s more: the controller falls back', () => {
    const { player, fatals, load, excluded } = playing();
    player.send(`${segment}?avh=st-secret`).answer(503);
    vi.advanceTimersByTime(1_999);
    expect(load).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(load).toHaveBeenCalledTimes(1);
    expect(excluded()).toEqual({ playlistErrors_: 0 });
    vi.advanceTimersByTime(1_999);
    expect(fatals).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(load).toHaveBeenCalledTimes(1); // once per stall
    expect(fatals).toHaveLength(1);
    expect(fatals[0]).toMatchObject({ status: 503, error: { code: 'media', status: 503, url: segment } });
    expect(fatals[0]!.error.message).toBe(
      'video.js cannot load seg_000.m4s: VHS stopped loading after it failed (HTTP 503).',
    );
    expect(vi.getTimerCount()).toBe(0);
  });

  it('watches after a request that got no answer too (a dropped connection), and names it so', () => {
    const { player, fatals, load } = playing();
    const init = `${base}/hls/audio/init_2.mp4`;
    player.send(`${init}?avh=st-secret`).answer(0);
    vi.advanceTimersByTime(2_000);
    expect(load).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(2_000);
    expect(fatals).toHaveLength(1);
    expect(fatals[0]!.error.message).toBe(
      'video.js cannot load init_2.mp4: VHS stopped loading after it failed (no answer).',
    );
  });

  it('does nothing while the viewer has it paused, and watches again once they play', () => {
    const { player, fatals, load } = playing();
    player.isPaused = true;
    player.send(`${segment}?avh=st-secret`).answer(503);
    vi.advanceTimersByTime(60_000);
    expect([load.mock.calls.length, fatals.length]).toEqual([0, 0]);
    player.isPaused = false;
    player.trigger('play');
    vi.advanceTimersByTime(2_000);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('waits for a request under way, however slow; one VHS aborts ends it too', () => {
    const { player, fatals, load } = playing();
    player.send(`${segment}?avh=st-secret`).answer(503);
    const slow = player.send(other);
    for (let second = 0; second < 60; second += 5) {
      vi.advanceTimersByTime(5_000);
      slow.progress(); // slow, not silent (see failSilentRequests)
    }
    expect([load.mock.calls.length, fatals.length]).toEqual([0, 0]);
    slow.abort(); // no response hook hears of it
    vi.advanceTimersByTime(2_000);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does nothing while the time moves, and nudges anew at each new stall', () => {
    const { player, fatals, load } = playing();
    player.send(`${segment}?avh=st-secret`).answer(503);
    for (let second = 1; second <= 10; second++) {
      player.time = second;
      player.trigger('timeupdate');
      vi.advanceTimersByTime(1_000);
    }
    expect(load).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(load).toHaveBeenCalledTimes(1);
    player.time = 11; // the nudge worked for a while
    player.trigger('timeupdate');
    vi.advanceTimersByTime(2_000);
    expect([load.mock.calls.length, fatals.length]).toEqual([2, 0]);
  });

  it('stops watching once what VHS asked for after the failure plays, not what it asked for before', () => {
    const { player, video, fatals, load } = playing();
    video.ranges = [[0, 4]];
    const before = player.send(other);
    player.send(`${segment}?avh=st-secret`).answer(503);
    before.answer(200); // sent before the failure: VHS may be stuck since
    player.time = 5;
    player.trigger('timeupdate');
    vi.advanceTimersByTime(2_000);
    expect(load).toHaveBeenCalledTimes(1);
    player.send(`${segment}?avh=st-secret`).answer(200);
    player.time = 6; // past where the buffer ended at the failure, with media asked for since
    player.trigger('timeupdate');
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect([load.mock.calls.length, fatals.length]).toEqual([1, 0]);
  });

  it('waits while the controller checks or renews the session; its resume starts the watch anew', () => {
    let renewing = true;
    const { engine, player, fatals, load } = playing({ renewing: () => renewing });
    player.send(`${segment}?avh=st-secret`).answer(403);
    vi.advanceTimersByTime(60_000);
    expect([load.mock.calls.length, fatals.length]).toEqual([0, 0]);
    renewing = false;
    engine.resume(0); // what a nudge does, once renewed
    expect(load).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(2_000);
    expect([load.mock.calls.length, fatals.length]).toEqual([2, 0]);
    vi.advanceTimersByTime(2_000);
    expect(fatals[0]).toMatchObject({ status: 403 });
  });

  it('keeps watching once it gave up, for a controller that resumes VHS instead (a renewal under way)', () => {
    const { engine, player, fatals, load } = playing();
    player.send(`${segment}?avh=st-secret`).answer(403);
    vi.advanceTimersByTime(4_000);
    expect([load.mock.calls.length, fatals.length]).toEqual([1, 1]);
    engine.resume(0); // the session was dead: renewed, and VHS told to go on
    vi.advanceTimersByTime(4_000);
    expect([load.mock.calls.length, fatals.length]).toEqual([3, 2]);
  });

  it('gives up before anything loaded even if not asked to play: autoPlay waits for the metadata', () => {
    const { player, video, fatals } = playing();
    player.isPaused = true;
    video.readyState = 0;
    player.send(`${segment}?avh=st-secret`).answer(503);
    vi.advanceTimersByTime(4_000);
    expect(fatals).toHaveLength(1);
  });

  it('is not started by a subtitle failing (VHS drops the track), nor by a request VHS aborts', () => {
    const { player, fatals, load } = playing();
    const subsPlaylist = `${base}/hls/subs/index.m3u8`;
    player.loaded = {
      ...player.loaded,
      playlists: {
        main: { mediaGroups: { SUBTITLES: { subs: { English: { resolvedUri: subsPlaylist } } } } },
      },
    };
    player.send(`${subsPlaylist}?avh=st-secret`).answer(404);
    player.send(other).abort();
    vi.advanceTimersByTime(60_000);
    expect([load.mock.calls.length, fatals.length]).toEqual([0, 0]);
  });

  it('stops for good at destroy, and with a new source', () => {
    const first = playing();
    first.player.send(`${segment}?avh=st-secret`).answer(503);
    first.engine.loadMp4(`${base}/mp4/source.mp4?avh=st-secret`);
    expect(vi.getTimerCount()).toBe(0);
    first.player.send(`${segment}?avh=st-secret`).answer(503);
    const late = first.player.send(other);
    first.engine.destroy();
    expect(vi.getTimerCount()).toBe(0);
    late.abort(); // the player's dispose aborts what was under way
    first.player.time = 3;
    first.player.trigger('timeupdate');
    vi.advanceTimersByTime(60_000);
    expect([first.load.mock.calls.length, first.fatals.length]).toEqual([0, 0]);
  });

  it('runs on the timers it is given', () => {
    const pending = new Map<unknown, number>();
    const { player } = playing({
      setTimeout: (_callback, ms) => {
        const handle = {};
        pending.set(handle, ms);
        return handle;
      },
      clearTimeout: (handle) => void pending.delete(handle),
    });
    player.send(`${segment}?avh=st-secret`).answer(503);
    expect([...pending.values()]).toEqual([2_000]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('video.js engine: VHS held while the controller deals with a refusal', () => {
  const segment = `${base}/hls/360p/seg_002.m4s?avh=st-secret`;
  afterEach(() => {
    for (const engine of engines.splice(0)) engine.destroy();
    vi.useRealTimers();
  });

  /** A playing VHS whose media playlists loaded (VOD unless `live`): its loaders, as the engine reaches them. */
  function loaded(context: Partial<EngineContext> = {}, { live = false } = {}) {
    vi.useFakeTimers();
    // The controller found the session dead and renews it (it checked it first, and still deals with it).
    let renewing = true;
    let renewingSession = true;
    const started = setup({
      renewing: () => renewing,
      renewingSession: () => renewingSession,
      ...context,
    });
    const pauseLoading = vi.fn();
    const segments = { paused: () => true, load: vi.fn() };
    const main = { media: () => ({ endList: !live }), load: vi.fn() };
    const audio = { media: () => ({ endList: !live }), load: vi.fn() };
    const vhs = {
      playlists: { main: { playlists: [{ excludeUntil: Date.now() + 60_000 }] } },
      playlistController_: {
        pauseLoading,
        mainPlaylistLoader_: main,
        mediaTypes_: { AUDIO: { activePlaylistLoader: audio }, SUBTITLES: { activePlaylistLoader: null } },
        mainSegmentLoader_: segments,
      },
    };
    started.player.loaded = vhs;
    started.player.isPaused = false;
    started.video.readyState = 4;
    const setRenewing = (value: boolean) => {
      renewing = renewingSession = value;
    };
    /** The controller only checks the session: the refusal may be a missing asset. */
    const onlyChecking = () => {
      renewingSession = false;
    };
    return { ...started, vhs, pauseLoading, segments, main, audio, setRenewing, onlyChecking };
  }
  /** Lets the microtasks queued by the response hook run: VHS has read the answer by then. */
  const afterVhsReadIt = () => Promise.resolve();

  it('pauses VHS once it has dealt with the refusal, and lets it go on at the resume', async () => {
    const { engine, player, pauseLoading, segments, main, vhs } = loaded();
    player.send(segment).answer(404);
    expect(pauseLoading).not.toHaveBeenCalled(); // VHS has not read the answer yet
    await afterVhsReadIt();
    expect(pauseLoading).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000); // a renewal as slow as the token backend
    expect(segments.load).not.toHaveBeenCalled();
    engine.resume(2);
    expect(segments.load).toHaveBeenCalledTimes(1);
    expect(vhs.playlists.main.playlists[0]).toEqual({ playlistErrors_: 0 });
    expect(main.load).not.toHaveBeenCalled(); // a VOD playlist loaded already
    expect(player.sources).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(1); // the stall watch's, started anew
  });

  it('holds nothing while the controller is not renewing, nor for a 5xx or a subtitle', async () => {
    const { player, pauseLoading, setRenewing } = loaded();
    const subsPlaylist = `${base}/hls/subs/index.m3u8`;
    player.loaded = {
      ...player.loaded,
      playlists: {
        main: { mediaGroups: { SUBTITLES: { subs: { English: { resolvedUri: subsPlaylist } } } } },
      },
    };
    player.send(segment).answer(503);
    player.send(`${subsPlaylist}?avh=st-secret`).answer(404); // VHS drops the track: no loop to stop
    setRenewing(false);
    player.send(segment).answer(404);
    await afterVhsReadIt();
    expect(pauseLoading).not.toHaveBeenCalled();
  });

  it('holds nothing while the controller only checks the session (VHS may get past a missing asset)', async () => {
    const { player, pauseLoading, onlyChecking } = loaded();
    onlyChecking();
    player.send(segment).answer(404);
    await afterVhsReadIt();
    expect(pauseLoading).not.toHaveBeenCalled();
  });

  it('is not applied if the controller is done by the time VHS has read the answer', async () => {
    const { player, pauseLoading, setRenewing } = loaded();
    player.send(segment).answer(404);
    setRenewing(false); // a public video: its check ends at once
    await afterVhsReadIt();
    expect(pauseLoading).not.toHaveBeenCalled();
  });

  it('lets VHS go on by itself once the controller is done without a resume (the session was alive)', async () => {
    const { player, pauseLoading, segments, setRenewing, fatals } = loaded();
    player.send(segment).answer(404);
    await afterVhsReadIt();
    vi.advanceTimersByTime(10_000);
    expect(segments.load).not.toHaveBeenCalled();
    setRenewing(false);
    vi.advanceTimersByTime(249);
    expect(segments.load).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(segments.load).toHaveBeenCalledTimes(1);
    expect(pauseLoading).toHaveBeenCalledTimes(1);
    expect(fatals).toEqual([]); // the missing asset is left to VHS, and to the failure count, as before
  });

  it('holds again at each refusal it meets while held (a seek, a play restarting VHS)', async () => {
    const { engine, player, pauseLoading, segments } = loaded();
    player.send(segment).answer(404);
    await afterVhsReadIt();
    player.send(segment).answer(404);
    await afterVhsReadIt();
    expect(pauseLoading).toHaveBeenCalledTimes(2);
    engine.resume(2);
    vi.advanceTimersByTime(60_000);
    expect(segments.load).toHaveBeenCalledTimes(1);
  });

  it('has the playlists of a live stream refreshed again (VHS stopped that too)', async () => {
    const { engine, player, main, audio } = loaded({}, { live: true });
    player.send(segment).answer(403);
    await afterVhsReadIt();
    engine.resume(2);
    expect([main.load.mock.calls.length, audio.load.mock.calls.length]).toEqual([1, 1]);
    engine.resume(2); // nothing held any more
    expect(main.load).toHaveBeenCalledTimes(1);
  });

  it('has a group playlist started again that VHS was loading for the first time', async () => {
    const { engine, player, vhs } = loaded();
    const subtitles = { media: () => undefined, load: vi.fn() };
    vhs.playlistController_.mediaTypes_.SUBTITLES = { activePlaylistLoader: subtitles as never };
    player.send(segment).answer(404);
    await afterVhsReadIt();
    engine.resume(2);
    expect(subtitles.load).toHaveBeenCalledTimes(1);
  });

  it('leaves nothing held when the renewal fails (the controller fails: the engine goes)', async () => {
    const { engine, player, segments, setRenewing } = loaded();
    player.send(segment).answer(404);
    await afterVhsReadIt();
    engine.destroy();
    setRenewing(false);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(segments.load).not.toHaveBeenCalled(); // a disposed VHS is not set going
  });

  it('leaves nothing held when the controller falls back to the mp4, even before the hold was due', async () => {
    const { engine, player, pauseLoading, segments } = loaded();
    player.send(segment).answer(404);
    await afterVhsReadIt();
    engine.loadMp4(`${base}/mp4/source.mp4?avh=st-secret`);
    expect(vi.getTimerCount()).toBe(0);
    player.send(segment).answer(404);
    engine.loadMp4(`${base}/mp4/source.mp4?avh=st-secret`); // before VHS read the answer
    await afterVhsReadIt();
    expect(pauseLoading).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    expect(segments.load).not.toHaveBeenCalled();
    expect(player.sources.at(-1)?.type).toBe('video/mp4');
  });

  it('holds nothing before VHS has its first media playlist, nor when its internals changed shape', async () => {
    const { player, pauseLoading, main, vhs } = loaded();
    main.media = () => undefined as never;
    player.send(segment).answer(404);
    await afterVhsReadIt();
    expect(pauseLoading).not.toHaveBeenCalled();
    player.loaded = { ...vhs, playlistController_: { mainPlaylistLoader_: { media: () => ({}) } } };
    player.send(segment).answer(404);
    await afterVhsReadIt();
    expect(vi.getTimerCount()).toBe(1); // the stall watch's only
  });

  it('runs on the timers it is given', async () => {
    const pending = new Map<unknown, number>();
    const { player } = loaded({
      setTimeout: (_callback, ms) => {
        const handle = {};
        pending.set(handle, ms);
        return handle;
      },
      clearTimeout: (handle) => void pending.delete(handle),
    });
    player.send(segment).answer(404);
    await afterVhsReadIt();
    expect([...pending.values()].sort((a, b) => a - b)).toEqual([250, 2_000]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('video.js engine: the VHS of a source replaced, until video.js swaps it', () => {
  const mp4 = `${base}/mp4/source.mp4`;
  const segment = `${base}/hls/360p/seg_000.ts`;
  afterEach(() => {
    for (const engine of engines.splice(0)) engine.destroy();
    vi.useRealTimers();
  });

  /** As video.js's `ready()` on a player ready already: a source set swaps a timer tick later (more when hidden). */
  function swapLater(player: InstanceType<typeof FakePlayer>) {
    player.ready = (callback: () => void) => void setTimeout(callback, 1);
  }

  /** HLS playing at 10 s, on a player that swaps sources a tick after they are set. */
  function playingHls() {
    vi.useFakeTimers();
    const playing = setup({}, swapLater);
    vi.advanceTimersByTime(1);
    playing.video.readyState = 4;
    Object.assign(playing.player, { isPaused: false, time: 10 });
    return playing;
  }

  /** The mp4 plays well for ten minutes, then rebuffers for 5 s (as any progressive download may). */
  function playAndRebuffer(player: InstanceType<typeof FakePlayer>) {
    for (let second = 11; second <= 600; second++) {
      player.time = second;
      player.trigger('timeupdate');
      vi.advanceTimersByTime(1_000);
    }
    vi.advanceTimersByTime(5_000);
  }

  it('never fails a fallback mp4 for a failure of the VHS it replaced, which still plays until the swap', () => {
    const { engine, player, fatals } = playingHls();
    engine.loadMp4(`${mp4}?avh=st-secret`);
    const late = player.send(segment);
    expect(late.options.uri).toBe(`${segment}?avh=st-secret`); // signed: that VHS plays on until the swap
    late.answer(503);
    expect(vi.getTimerCount()).toBe(1); // the swap's: no stall watch, which no VHS request would ever end
    vi.advanceTimersByTime(1);
    expect(player.sources.at(-1)).toMatchObject({ type: 'video/mp4' });
    player.isPaused = false;
    playAndRebuffer(player);
    expect(fatals).toEqual([]);
  });

  it("ignores an error of the VHS replaced by the mp4, not the mp4's own", () => {
    const { engine, player, fatals } = playingHls();
    engine.loadMp4(`${mp4}?avh=st-secret`);
    player.error({ code: 3, message: 'VHS: the segment could not be appended' });
    vi.advanceTimersByTime(1);
    expect(fatals).toEqual([]);
    player.error({ code: 4, message: 'MEDIA_ELEMENT_ERROR: Format error' });
    expect(fatals).toHaveLength(1);
  });

  it('counts nothing of the VHS replaced when the HLS source is set again: the new VHS counts anew', () => {
    const { engine, player, fatals } = playingHls();
    engine.resume(10); // the manifest had not loaded: a new source, and a new VHS
    for (let attempt = 0; attempt < 3; attempt++) player.send(segment).answer(503);
    vi.advanceTimersByTime(1);
    expect(player.sources).toHaveLength(2);
    expect(fatals).toEqual([]);
    for (let attempt = 0; attempt < 3; attempt++) player.send(segment).answer(503);
    expect(fatals.map(({ error }) => error.message)).toEqual([
      'video.js cannot load seg_000.ts: failed 3 times in a row (HTTP 503).',
    ]);
  });

  it('takes its hooks off the xhr of a VHS replaced once swapped: nothing keeps that VHS alive', () => {
    const { engine, player } = playingHls();
    const hookCount = (xhr = player.xhr!) => xhr.requestHooks.size + xhr.responseHooks.size;
    const first = player.xhr!;
    engine.resume(10);
    vi.advanceTimersByTime(1); // a new HLS source: its VHS's xhr is hooked, the one before is not
    expect([hookCount(first), hookCount()]).toEqual([0, 2]);
    const second = player.xhr!;
    engine.loadMp4(`${mp4}?avh=st-secret`);
    vi.advanceTimersByTime(1);
    expect(hookCount(second)).toBe(2); // until the element loads the mp4: VHS's disposal says nothing
    player.trigger('loadstart');
    expect(hookCount(second)).toBe(0);
  });

  it('…so that, through the controller, a fallback mp4 playing well stays in the fallback state', async () => {
    vi.useFakeTimers();
    const delivery = createFakeDelivery();
    const client = new SessionClient({ fetch: delivery.fetch, storage: null, sleep: async () => {} });
    const video = new FakeVideo();
    const playback = createPrivatePlayback(
      video.asElement(),
      { videoId: 'vi1', privateToken: 'pt1' },
      {
        client,
        engine: 'video.js',
        loadEngine: async () => ({ isSupported: () => true, createEngine: createVideojsEngine }),
        fetch: async () => new Response('', { status: 200 }), // the session check: the session is alive
      },
    );
    try {
      const states: string[] = [];
      playback.on('state', (state) => states.push(state));
      await vi.advanceTimersByTimeAsync(0);
      const player = FakePlayer.last!;
      swapLater(player);
      await vi.advanceTimersByTimeAsync(1); // the HLS source is set
      Object.assign(video, { paused: false, readyState: 4 });
      Object.assign(player, { isPaused: false, time: 10 });
      for (let attempt = 0; attempt < 3; attempt++) player.send(segment).answer(503); // HLS gives up
      expect(playback.getSource()).toBe('mp4');
      player.send(segment).answer(503); // the VHS of the HLS source, before video.js swapped it
      await vi.advanceTimersByTimeAsync(1);
      video.fire('loadeddata');
      for (let second = 11; second <= 600; second++) {
        player.time = second;
        player.trigger('timeupdate');
        await vi.advanceTimersByTimeAsync(1_000);
      }
      await vi.advanceTimersByTimeAsync(5_000); // the mp4 rebuffers 5 s
      expect(states.at(-1)).toBe('fallback');
    } finally {
      playback.destroy();
    }
  });
});

describe('video.js engine: isSupported', () => {
  /** A MediaSource that plays what VHS asks for (H.264/AAC in MP4). */
  const mediaSource = {
    isTypeSupported: (type: string) => type === 'video/mp4;codecs="avc1.4d400d,mp4a.40.2"',
  };
  afterEach(() => {
    vi.unstubAllGlobals();
    videojs.options = {};
  });

  it('is not without Media Source Extensions, though VHS before 3.14 says it can handle HLS', () => {
    vi.stubGlobal('MediaSource', undefined);
    expect(videojs.VhsSourceHandler.canHandleSource({}, {})).toBe('maybe');
    expect(videojsEngine.isSupported()).toBe(false);
  });

  it('is with a MediaSource for H.264/AAC, where VHS can handle HLS', () => {
    vi.stubGlobal('MediaSource', mediaSource);
    expect(videojsEngine.isSupported()).toBe(true);
    vi.stubGlobal('MediaSource', { isTypeSupported: () => false });
    expect(videojsEngine.isSupported()).toBe(false);
  });

  it('is not where VHS says it cannot handle HLS, MediaSource or not', () => {
    vi.stubGlobal('MediaSource', mediaSource);
    vi.spyOn(videojs.VhsSourceHandler, 'canHandleSource').mockReturnValue('');
    expect(videojsEngine.isSupported()).toBe(false);
  });

  it('counts a ManagedMediaSource only with experimentalUseMMS, which VHS then plays through', () => {
    vi.stubGlobal('MediaSource', undefined);
    vi.stubGlobal('ManagedMediaSource', mediaSource);
    expect(videojsEngine.isSupported()).toBe(false);
    videojs.options = { vhs: { experimentalUseMMS: true } };
    expect(videojsEngine.isSupported()).toBe(true);
  });
});
