import { describe, expect, it, vi } from 'vitest';
import { createFakeHooks, FakeVideo } from '../test-utils/fakePlayback.js';

/** Just enough of hls.js: the test drives its errors and reads what the engine asked of it. */
const { FakeHls } = vi.hoisted(() => {
  class FakeHls {
    static Events = { ERROR: 'hlsError' };
    static ErrorTypes = { NETWORK_ERROR: 'networkError', MEDIA_ERROR: 'mediaError' };
    static DefaultConfig = {
      fragLoadPolicy: { default: {} },
      keyLoadPolicy: { default: {} },
      playlistLoadPolicy: { default: {} },
      manifestLoadPolicy: { default: {} },
    };
    static isSupported = () => true;
    static last: FakeHls | undefined;
    levels: unknown[] = [];
    calls: string[] = [];
    subtitleTrack = 0;
    #onError: ((event: string, data: unknown) => void) | undefined;

    constructor() {
      FakeHls.last = this;
    }
    on(_event: string, listener: (event: string, data: unknown) => void) {
      this.#onError = listener;
    }
    loadSource(url: string) {
      this.calls.push(`loadSource ${url}`);
    }
    attachMedia() {}
    startLoad(position: number) {
      this.calls.push(`startLoad ${position}`);
    }
    recoverMediaError() {}
    destroy() {}
    error(data: object) {
      this.#onError?.(FakeHls.Events.ERROR, data);
    }
  }
  return { FakeHls };
});
vi.mock('hls.js', () => ({ default: FakeHls }));

const { createHlsEngine } = await import('./hlsEngine.js');

const manifest = 'https://vod.api.video/vod/vi1/token/pt1/hls/manifest.m3u8';

function setup() {
  const fake = createFakeHooks();
  const video = new FakeVideo();
  const engine = createHlsEngine({ video: video.asElement(), hooks: fake.hooks });
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
