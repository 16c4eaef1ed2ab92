import { describe, expect, it } from 'vitest';
import type { liveStreamJson, pagination, videoJson } from '../src/apiShapes.js';
import { emulatorForTest, manualClock } from './helpers.js';

type VideoJson = ReturnType<typeof videoJson>;
type LiveJson = ReturnType<typeof liveStreamJson>;
type Page = { data: VideoJson[]; pagination: ReturnType<typeof pagination> };

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

async function login(url: string, apiKey = 'emulator-api-key') {
  const response = await fetch(`${url}/auth/api-key`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ apiKey }),
  });
  return { response, body: (await response.json()) as Record<string, unknown> };
}

describe('API authentication', () => {
  it('exchanges the API key for Bearer tokens', async () => {
    const emulator = await emulatorForTest();
    const { response, body } = await login(emulator.url);
    expect(response.status).toBe(200);
    expect(body).toEqual({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
    });
    const video = await fetch(`${emulator.url}/videos/viPrivateTs`, {
      headers: { Authorization: `Bearer ${body.access_token}` },
    });
    expect(video.status).toBe(200);
  });

  it('refuses a wrong API key with a 401 problem', async () => {
    const emulator = await emulatorForTest();
    const { response, body } = await login(emulator.url, 'wrong');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(body).toMatchObject({
      type: 'https://docs.api.video/reference/authentication-invalid',
      status: 401,
    });
    expect(body.title).toEqual(expect.any(String));
  });

  it('refreshes tokens once per refresh token', async () => {
    const emulator = await emulatorForTest();
    const { body } = await login(emulator.url);
    const refresh = () =>
      fetch(`${emulator.url}/auth/refresh`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: body.refresh_token }),
      });
    const first = await refresh();
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect((await refresh()).status).toBe(401);
  });

  it('expires access tokens after expires_in (configurable)', async () => {
    const clock = manualClock();
    const emulator = await emulatorForTest({ now: clock.now, accessTokenTtl: 60 });
    const { body } = await login(emulator.url);
    expect(body.expires_in).toBe(60);
    const get = () =>
      fetch(`${emulator.url}/videos`, { headers: { Authorization: `Bearer ${body.access_token}` } });
    expect((await get()).status).toBe(200);
    clock.advance(61);
    const expired = await get();
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({
      type: 'https://docs.api.video/reference/authentication-invalid',
      title: 'The access token provided is invalid.',
      status: 401,
    });
  });

  it('accepts Basic apiKey: and refuses missing or wrong credentials', async () => {
    const emulator = await emulatorForTest({ apiKey: 'my-key' });
    const url = `${emulator.url}/videos/viPublicTs`;
    expect((await fetch(url, { headers: { Authorization: basic('my-key') } })).status).toBe(200);
    expect((await fetch(url, { headers: { Authorization: basic('emulator-api-key') } })).status).toBe(401);
    expect((await fetch(url, { headers: { Authorization: 'Bearer nope' } })).status).toBe(401);
    const missing = await fetch(url);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect(emulator.log().every((entry) => entry.kind === 'api')).toBe(true);
  });
});

describe('videos and live streams', () => {
  const auth = { headers: { Authorization: basic('emulator-api-key') } };

  it('returns an api.video-shaped private video with a fresh private token in every response', async () => {
    const emulator = await emulatorForTest();
    const get = async () =>
      (await (await fetch(`${emulator.url}/videos/viPrivateTs`, auth)).json()) as VideoJson;
    const first = await get();
    const second = await get();
    expect(first).toMatchObject({ videoId: 'viPrivateTs', public: false, title: expect.any(String) });
    expect(first.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const token = /\/token\/([^/]+)\/mp4\/source\.mp4$/.exec(first.assets.mp4 ?? '')?.[1];
    expect(token).toBeDefined();
    expect(first.assets).toEqual({
      hls: `${emulator.url}/vod/viPrivateTs/token/${token}/hls/manifest.m3u8`,
      thumbnail: `${emulator.url}/vod/viPrivateTs/token/${token}/thumbnail.jpg`,
      mp4: `${emulator.url}/vod/viPrivateTs/token/${token}/mp4/source.mp4`,
      player: `https://embed.api.video/vod/viPrivateTs?token=${token}`,
      iframe: `<iframe src="https://embed.api.video/vod/viPrivateTs?token=${token}" width="100%" height="100%" frameborder="0" scrolling="no" allowfullscreen="true"></iframe>`,
    });
    expect(second.assets.mp4).not.toBe(first.assets.mp4);
    // The token in the response really works: the seed-001 flow (API → token → session → avh).
    const session = await fetch(`${emulator.url}/vod/viPrivateTs/token/${token}/session`);
    expect(session.status).toBe(200);
  });

  it('returns public videos without token', async () => {
    const emulator = await emulatorForTest();
    const video = (await (await fetch(`${emulator.url}/videos/viPublicFmp4`, auth)).json()) as VideoJson;
    expect(video.public).toBe(true);
    expect(video.assets.hls).toBe(`${emulator.url}/vod/viPublicFmp4/hls/manifest.m3u8`);
    expect(video.assets.player).toBe('https://embed.api.video/vod/viPublicFmp4');
  });

  it('paginates GET /videos', async () => {
    const emulator = await emulatorForTest();
    const page = (await (
      await fetch(`${emulator.url}/videos?pageSize=5&currentPage=2`, auth)
    ).json()) as Page;
    expect(page.data).toHaveLength(5);
    expect(page.pagination).toMatchObject({
      currentPage: 2,
      pageSize: 5,
      itemsTotal: emulator.catalog.videos.length,
      pagesTotal: Math.ceil(emulator.catalog.videos.length / 5),
      currentPageItems: 5,
    });
    expect(page.pagination.links).toContainEqual({ rel: 'next', uri: '/videos?currentPage=3&pageSize=5' });
    const all = (await (await fetch(`${emulator.url}/videos?pageSize=100`, auth)).json()) as Page;
    expect(all.data.map((video: { videoId: string }) => video.videoId)).toEqual(
      expect.arrayContaining([
        'viPrivateTs',
        'viPrivateFmp4',
        'viPublicTs',
        'viPublicFmp4',
        'viGrid01',
        'viGrid12',
      ]),
    );
  });

  it('caps pageSize at 100, as api.video does', async () => {
    const emulator = await emulatorForTest();
    const page = (await (await fetch(`${emulator.url}/videos?pageSize=1000`, auth)).json()) as Page;
    expect(page.pagination).toMatchObject({ currentPage: 1, pageSize: 100 });
    expect(page.data).toHaveLength(Math.min(100, emulator.catalog.videos.length));
  });

  it('returns live streams with private and public asset URLs', async () => {
    const emulator = await emulatorForTest();
    const live = (await (await fetch(`${emulator.url}/live-streams/liPrivateLive`, auth)).json()) as LiveJson;
    const token = /\/private\/([^/]+)\/liPrivateLive\.m3u8$/.exec(live.assets.hls)?.[1];
    expect(live).toMatchObject({ liveStreamId: 'liPrivateLive', public: false });
    expect(live.assets).toMatchObject({
      thumbnail: `${emulator.url}/private/${token}/liPrivateLive/thumbnail.jpg`,
      player: `https://embed.api.video/live/liPrivateLive?token=${token}`,
    });
    expect(live.assets.iframe).toContain(live.assets.player);
    const pub = (await (await fetch(`${emulator.url}/live-streams/liPublicLive`, auth)).json()) as LiveJson;
    expect(pub.assets.hls).toBe(`${emulator.url}/liPublicLive.m3u8`);
    const list = (await (await fetch(`${emulator.url}/live-streams`, auth)).json()) as { data: LiveJson[] };
    expect(list.data.map((item) => item.liveStreamId)).toEqual(['liPrivateLive', 'liPublicLive']);
  });

  it('answers 404 problems for unknown ids', async () => {
    const emulator = await emulatorForTest();
    const response = await fetch(`${emulator.url}/videos/viNope`, auth);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ status: 404, type: expect.stringContaining('not-found') });
    expect((await fetch(`${emulator.url}/live-streams/liNope`, auth)).status).toBe(404);
  });

  it('answers 400 for an invalid JSON body', async () => {
    const emulator = await emulatorForTest();
    const response = await fetch(`${emulator.url}/auth/api-key`, { method: 'POST', body: '{nope' });
    expect(response.status).toBe(400);
    expect(emulator.log().at(-1)).toMatchObject({ kind: 'api', rule: 'bad-request' });
  });
});
