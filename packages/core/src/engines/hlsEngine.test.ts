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
  const engine = createHlsEngine({ video: new FakeVideo().asElement(), hooks: fake.hooks });
  engine.loadHls(`${manifest}?avh=st-1`);
  return { engine, hls: FakeHls.last!, ...fake };
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
