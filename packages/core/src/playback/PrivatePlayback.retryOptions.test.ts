import { createFakeDelivery } from '@private-video/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { SessionClient } from '../session/SessionClient.js';
import type { GetPrivateToken } from '../session/SessionContext.js';
import { createFakeEngineModule, FakeVideo } from '../test-utils/fakePlayback.js';
import { createPrivatePlayback } from './PrivatePlayback.js';

const base = 'https://vod.api.video/vod/vi1/token/pt1';
const viewer = { position: 30, playing: true, rate: 1, muted: false, volume: 1 };

/**
 * A player whose `getPrivateToken` is a getter, read when a renewal is due (React's player passes it so: the
 * latest render's), on a session the delivery has ended; `viewer` makes it a retry's player.
 */
function setup(withViewer: boolean) {
  const delivery = createFakeDelivery();
  const client = new SessionClient({ fetch: delivery.fetch, storage: null, sleep: async () => {} });
  const hls = createFakeEngineModule('hls.js');
  let latest: GetPrivateToken | undefined;
  const options = {
    client,
    fetch: vi.fn(async () => new Response('', { status: 404 })), // the probe: the session is dead
    loadEngine: async () => hls.module,
    ...(withViewer && { viewer }),
    get getPrivateToken() {
      return latest;
    },
  };
  const playback = createPrivatePlayback(
    new FakeVideo().asElement(),
    { videoId: 'vi1', privateToken: 'pt1' },
    options,
  );
  const errors: string[] = [];
  playback.on('error', (error) => errors.push(error.code));
  return { playback, hls, errors, give: (value: GetPrivateToken | undefined) => (latest = value) };
}

describe('PrivatePlayback options given as getters', () => {
  it.each([
    ['a first start', false],
    ['a retry, with what the viewer had', true],
  ])('reads getPrivateToken when a renewal is due, for %s', async (_start, withViewer) => {
    const { playback, hls, errors, give } = setup(withViewer);
    await vi.waitFor(() => expect(hls.engines).toHaveLength(1));
    const getPrivateToken = vi.fn(async () => 'pt2');
    give(getPrivateToken); // given after the start (the app's auth loaded)
    hls.engines[0]!.hooks.onAssetRefused(404, `${base}/hls/360p/seg_003.ts?avh=st-1`);
    await vi.waitFor(() => expect(getPrivateToken.mock.calls.length + errors.length).toBeGreaterThan(0));
    expect(errors).toEqual([]);
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    playback.destroy();
  });
});
