import { describe, expect, it, vi } from 'vitest';
import { setupOneTryClient } from '../test-utils/setupOneTryClient.js';

/**
 * A source names its delivery origin (any URL does), and a source may come from anyone: a link, a query
 * parameter of a watch page. A renewal sends the fresh private token `getPrivateToken` got from the app's
 * backend (minted for its signed-in user) to that origin. Where the backend's answer says where the video
 * is delivered (its asset URLs), the token goes nowhere else.
 */
const fresh = 'fresh-unspent-token-0000';
const foreign = 'https://vod.api.video.evil.example/vod/vi1/token/spent/mp4/source.mp4';

const setup = setupOneTryClient;

/** The JSON of `@private-video/server`'s token handler: the API's asset URLs, on the real delivery. */
const handlerJson = (origin: string) => ({
  videoId: 'vi1',
  privateToken: fresh,
  live: false,
  public: false,
  assets: {
    hls: `${origin}/vod/vi1/token/${fresh}/hls/manifest.m3u8`,
    thumbnail: `${origin}/vod/vi1/token/${fresh}/thumbnail.jpg`,
    player: `https://embed.api.video/vod/vi1?token=${fresh}`,
  },
});

describe('a renewal sends the fresh private token only where the backend says the video is', () => {
  it.each([
    ["the token handler's JSON", handlerJson('https://vod.api.video')],
    ['an asset URL', `https://vod.api.video/vod/vi1/token/${fresh}/mp4/source.mp4`],
  ])(
    'a source on another origin, renewed with %s of the real delivery: refused, never sent',
    async (_case, answer) => {
      const { client, delivery } = setup();
      delivery.spend('spent'); // the source's own token: the attacker's origin answers 404
      const getPrivateToken = vi.fn(async () => answer);
      const error = await client
        .video(foreign)
        .open({ getPrivateToken })
        .catch((e: unknown) => e);
      expect(getPrivateToken).toHaveBeenCalledTimes(1);
      expect(error).toMatchObject({ name: 'PrivateVideoError', code: 'renewal-failed' });
      expect((error as Error).message).toMatch(
        /must return a new private token of vi1, got a URL of another video or origin\./,
      );
      expect(delivery.requests.filter((url) => url.includes(fresh))).toEqual([]);
    },
  );

  it.each([
    ['thumbnail', 'thumbnail.jpg'],
    ['mp4', 'mp4/source.mp4'],
  ])(
    "a source on another origin, renewed with the handler's JSON whose assets have no hls (only %s): refused",
    async (asset, file) => {
      const { client, delivery } = setup();
      delivery.spend('spent');
      const answer = {
        videoId: 'vi1',
        privateToken: fresh,
        live: false,
        public: false,
        assets: { hls: null, [asset]: `https://vod.api.video/vod/vi1/token/${fresh}/${file}` },
      };
      const error = await client
        .video(foreign)
        .open({ getPrivateToken: async () => answer as never })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'PrivateVideoError', code: 'renewal-failed' });
      expect(delivery.requests.filter((url) => url.includes(fresh))).toEqual([]);
    },
  );

  it('a source on its own origin (a local emulator, a custom domain) renews as before', async () => {
    const { client, delivery } = setup();
    const video = client.video('http://127.0.0.1:4010/vod/vi1/token/pt1/thumbnail.jpg');
    await video.open();
    await video.renew({ getPrivateToken: async () => handlerJson('http://127.0.0.1:4010') });
    expect(delivery.requests).toEqual([
      'http://127.0.0.1:4010/vod/vi1/token/pt1/session',
      `http://127.0.0.1:4010/vod/vi1/token/${fresh}/session`,
    ]);
  });

  it('an embed URL names no delivery origin: it renews on the source’s own', async () => {
    const { client, delivery } = setup();
    const video = client.video('http://127.0.0.1:4010/vod/vi1/token/pt1/thumbnail.jpg');
    await video.open();
    await video.renew({ getPrivateToken: async () => 'https://embed.api.video/vod/vi1?token=pt2' });
    expect(delivery.requests.slice(1)).toEqual(['http://127.0.0.1:4010/vod/vi1/token/pt2/session']);
  });

  it('an answer that names no delivery (a bare token, { privateToken }) renews on the source’s origin', async () => {
    const { client, delivery } = setup();
    const video = client.video('http://127.0.0.1:4010/vod/vi1/token/pt1/thumbnail.jpg');
    await video.open();
    await video.renew({ getPrivateToken: async () => 'pt2' });
    await video.renew({ getPrivateToken: async () => ({ privateToken: 'pt3', assets: {} }) });
    expect(delivery.requests.slice(1)).toEqual([
      'http://127.0.0.1:4010/vod/vi1/token/pt2/session',
      'http://127.0.0.1:4010/vod/vi1/token/pt3/session',
    ]);
  });
});
