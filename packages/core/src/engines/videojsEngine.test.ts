import { reachableStrings } from '@private-video/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeHooks, FakeVideo } from '../test-utils/fakePlayback.js';

/** Just enough of a video.js player with VHS: the test drives its errors and responses. */
const { FakePlayer, videojs } = vi.hoisted(() => {
  type Listener = () => void;
  type ErrorHook = (player: unknown, error: unknown) => unknown;
  /** video.js's global hooks, as `hook` / `removeHook` keep them. */
  const errorHooks = new Set<ErrorHook>();
  type ResponseHook = (request: { uri?: string; status?: number }) => void;
  class FakePlayer {
    static last: FakePlayer | undefined;
    readonly listeners = new Map<string, Set<Listener>>();
    readonly responseHooks = new Set<ResponseHook>();
    readonly sources: { src: string; type: string }[] = [];
    readonly play = vi.fn(async () => {
      this.isPaused = false;
    });
    errorValue: unknown = null;
    time = 0;
    rate = 1;
    isPaused = true;
    readonly xhr = {
      onRequest: () => {},
      offRequest: () => {},
      onResponse: (hook: ResponseHook) => void this.responseHooks.add(hook),
      offResponse: (hook: ResponseHook) => void this.responseHooks.delete(hook),
    };

    constructor() {
      FakePlayer.last = this;
    }
    on(type: string, listener: Listener) {
      const set = this.listeners.get(type) ?? new Set();
      this.listeners.set(type, set.add(listener));
    }
    off(type: string, listener: Listener) {
      this.listeners.get(type)?.delete(listener);
    }
    one(type: string, listener: Listener) {
      const once = () => {
        this.off(type, once);
        listener();
      };
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
      return { vhs: { xhr: this.xhr, ...this.loaded } };
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
    src(source: { src: string; type: string }) {
      this.sources.push(source);
      this.isPaused = true;
      this.rate = 1;
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
    respond(uri: string, status: number) {
      for (const hook of this.responseHooks) hook({ uri, status });
    }
    dispose() {}
  }
  const videojs = Object.assign(() => new FakePlayer(), {
    errorHooks,
    log: { warn: vi.fn(), error: vi.fn(), debug: vi.fn() },
    hook: (_type: string, hook: ErrorHook) => void errorHooks.add(hook),
    removeHook: (_type: string, hook: ErrorHook) => void errorHooks.delete(hook),
  });
  return { FakePlayer, videojs };
});
vi.mock('video.js', () => ({ default: videojs }));

const { createVideojsEngine } = await import('./videojsEngine.js');

const base = 'https://vod.api.video/vod/vi1/token/pt1';
const manifest = `${base}/hls/manifest.m3u8`;

const engines: { destroy(): void }[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) engine.destroy();
});

function setup() {
  const fake = createFakeHooks('st-secret');
  const engine = createVideojsEngine({ video: new FakeVideo().asElement(), hooks: fake.hooks });
  engines.push(engine);
  const player = FakePlayer.last!;
  player.trigger('xhr-hooks-ready');
  engine.loadHls(`${manifest}?avh=st-secret`);
  return { engine, player, ...fake };
}

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
    expect(fatals[0]).toMatchObject({ status: 404, error: { status: 404, url: manifest } });
  });

  it("keeps VHS's own status and URL over the last refusal's", () => {
    const { player, fatals } = setup();
    player.respond(`${base}/hls/360p/seg_003.ts?avh=st-secret`, 403);
    const signed = `${manifest}?avh=st-secret`;
    player.error({ code: 2, message: 'HLS playlist request error', status: 500, metadata: { uri: signed } });
    expect(fatals[0]).toMatchObject({ status: 500, error: { status: 500, url: manifest } });
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

  it('leaves requests VHS aborted itself (status 0) to VHS', () => {
    const { player, fatals } = setup();
    for (let attempt = 0; attempt < 5; attempt++) player.respond(`${base}/hls/360p/seg_003.ts`, 0);
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
    const fake = createFakeHooks('st-secret');
    const video = new FakeVideo();
    const engine = createVideojsEngine({ video: video.asElement(), hooks: fake.hooks });
    engines.push(engine);
    const player = FakePlayer.last!;
    const viewers: unknown[] = [];
    fake.hooks.onFatal = (_error, _status, viewer) => void viewers.push(viewer);
    engine.loadHls(`${manifest}?avh=st-secret`);
    video.readyState = 4; // it played
    Object.assign(player, { rate: 1.5, isPaused: false });
    player.error({ code: 2, message: 'gave up' });
    engine.resume(6);
    video.readyState = 0; // the new source reset the element, and nothing loaded since
    player.error({ code: 2, message: 'gave up again' });
    expect(viewers).toEqual([undefined, { position: 6, play: true, rate: 1.5 }]);
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
