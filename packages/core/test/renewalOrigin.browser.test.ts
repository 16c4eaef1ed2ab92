import { describe, expect, it } from 'vitest';
import type { PrivateVideoError } from '../src/errors/PrivateVideoError.js';
import { createPrivatePlayback } from '../src/playback/PrivatePlayback.js';
import { SessionClient } from '../src/session/SessionClient.js';
import { cleanUpEachTest, control, createVideo, emulatorUrl, keep } from './browserHelpers.js';

cleanUpEachTest();

const videoId = 'viPrivateTs';
type MintedUrls = Awaited<ReturnType<typeof control.mintToken>>['urls'];

// A source from a link names its own delivery origin. Here the "other" origin is the emulator under another
// name (`localhost` for `127.0.0.1`): a page that trusts a `?src=` would send the backend's fresh token there.
describe('a source from a link, on another origin than the one the backend names', () => {
  // The handler includes each asset the API gave: the delivery is named by `hls`, or by another asset without it.
  it.each([
    ['hls', (urls: MintedUrls) => ({ hls: urls.hls })],
    ['its thumbnail only', (urls: MintedUrls) => ({ hls: null, thumbnail: urls.thumbnail })],
  ])(
    'fails its renewal as renewal-failed and sends the fresh private token nowhere (assets: %s)',
    async (_, assets) => {
      const linked = new URL(emulatorUrl);
      linked.hostname = 'localhost';
      const { privateToken: spent } = await control.mintToken(videoId);
      await new SessionClient({ storage: null, domains: { vod: emulatorUrl } })
        .video({ videoId, privateToken: spent })
        .open();
      let fresh = '';
      // The token handler's JSON: its `assets` are the API's, on the delivery the backend knows.
      const getPrivateToken = async () => {
        const minted = await control.mintToken(videoId);
        fresh = minted.privateToken;
        return { videoId, privateToken: fresh, assets: assets(minted.urls) };
      };
      const { video } = createVideo();
      const playback = keep(
        createPrivatePlayback(video, `${linked.origin}/vod/${videoId}/token/${spent}/mp4/source.mp4`, {
          client: new SessionClient({ storage: null }),
          getPrivateToken,
        }),
      );
      const error = await new Promise<PrivateVideoError>((resolve) => playback.on('error', resolve));
      expect(error.code).toBe('renewal-failed');
      expect(fresh).not.toBe('');
      const log = await control.log();
      expect(log.filter((entry) => entry.privateToken === fresh || entry.path.includes(fresh))).toEqual([]);
      // The spent token's refusal came from the linked origin: the player did ask there first.
      expect(
        log.some((entry) => entry.kind === 'session' && entry.privateToken === spent && entry.status === 404),
      ).toBe(true);
    },
  );
});
