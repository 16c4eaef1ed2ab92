import { toVideoRef } from '@private-video/core';
import { describe, expect, it } from 'vitest';
import { openSession } from '../src/index.js';
import { apiVideoFailure } from '../src/test-utils/apiVideoFailure.js';
import { apiLog, clientFor, closedPort, emulatorForTest, manualClock } from './helpers.js';

describe('the API client against the emulator: authentication', () => {
  it('logs in with the API key once and reads videos with the bearer token', async () => {
    const emulator = await emulatorForTest();
    const { client } = clientFor(emulator.url);
    const video = await client.getVideo('viPrivateTs');
    await client.getVideo('viPublicTs');
    expect(video.videoId).toBe('viPrivateTs');
    expect(apiLog(emulator)).toEqual([
      'POST /auth/api-key 200',
      'GET /videos/viPrivateTs 200',
      'GET /videos/viPublicTs 200',
    ]);
  });

  it('refreshes the access token before it expires', async () => {
    const clock = manualClock();
    const emulator = await emulatorForTest({ now: clock.now, accessTokenTtl: 600 });
    const { client } = clientFor(emulator.url, { now: clock.now });
    await client.getVideo('viPrivateTs');
    clock.advance(600_000 - 60_000);
    await client.getVideo('viPrivateTs');
    expect(apiLog(emulator)).toEqual([
      'POST /auth/api-key 200',
      'GET /videos/viPrivateTs 200',
      'POST /auth/refresh 200',
      'GET /videos/viPrivateTs 200',
    ]);
  });

  it('refreshes the access token when the API answers 401, and repeats the request', async () => {
    // The client's clock stands still, so only the emulator knows the token expired.
    const clock = manualClock();
    const emulator = await emulatorForTest({ now: clock.now, accessTokenTtl: 600 });
    const { client } = clientFor(emulator.url, { now: () => 0 });
    await client.getVideo('viPrivateTs');
    clock.advance(600_000);
    await expect(client.getVideo('viPrivateTs')).resolves.toMatchObject({ videoId: 'viPrivateTs' });
    expect(apiLog(emulator).slice(2)).toEqual([
      'GET /videos/viPrivateTs 401',
      'POST /auth/refresh 200',
      'GET /videos/viPrivateTs 200',
    ]);
  });

  it('shares one login among concurrent requests', async () => {
    const emulator = await emulatorForTest();
    const { client } = clientFor(emulator.url);
    await Promise.all(['viGrid01', 'viGrid02', 'viGrid03', 'viGrid04'].map((id) => client.getVideo(id)));
    expect(apiLog(emulator).filter((line) => line.startsWith('POST'))).toEqual(['POST /auth/api-key 200']);
  });

  it('logs in again with the API key when the refresh fails', async () => {
    const clock = manualClock();
    const emulator = await emulatorForTest({ now: clock.now, accessTokenTtl: 600 });
    const { client } = clientFor(emulator.url, { now: clock.now, retry: { retries: 0 } });
    await client.getVideo('viPrivateTs');
    clock.advance(600_000);
    emulator.addFault({ match: { path: '/auth/refresh' }, status: 500, count: 1 });
    await client.getVideo('viPrivateTs');
    expect(apiLog(emulator).slice(2)).toEqual([
      'POST /auth/refresh 500',
      'POST /auth/api-key 200',
      'GET /videos/viPrivateTs 200',
    ]);
  });

  it('reports a wrong API key as bad-credentials', async () => {
    const emulator = await emulatorForTest();
    const { client } = clientFor(emulator.url, { apiKey: 'not-the-key' });
    const error = await apiVideoFailure(client.getVideo('viPrivateTs'));
    expect(error).toMatchObject({ code: 'bad-credentials', status: 401 });
    expect(error.message).not.toContain('not-the-key');
  });
});

describe('the API client against the emulator: minting', () => {
  it('mints a new private token on every call, each good for one session', async () => {
    const emulator = await emulatorForTest();
    const { client } = clientFor(emulator.url);
    const first = await client.getPrivateVideoSource('viPrivateTs');
    const second = await client.getPrivateVideoSource('viPrivateTs');
    expect(first.privateToken).toEqual(expect.any(String));
    expect(second.privateToken).not.toBe(first.privateToken);
    expect(first.assets.hls).toBe(
      `${emulator.url}/vod/viPrivateTs/token/${first.privateToken}/hls/manifest.m3u8`,
    );

    for (const source of [first, second]) {
      const opened = await openSession(source);
      expect(opened.session?.token).toEqual(expect.any(String));
      const thumbnail = await fetch(opened.assets.thumbnail);
      expect(thumbnail.status).toBe(200);
      expect(thumbnail.headers.get('content-type')).toMatch(/^image\//);
    }
  });

  it('mints tokens of private live streams', async () => {
    const emulator = await emulatorForTest();
    const { client } = clientFor(emulator.url);
    const source = await client.getPrivateLiveStreamSource('liPrivateLive');
    expect(source).toMatchObject({ videoId: 'liPrivateLive', live: true, public: false });
    const opened = await openSession(source);
    expect(opened.assets.mp4).toBeUndefined();
    const playlist = await fetch(opened.assets.hls);
    expect(playlist.status).toBe(200);
    expect(await playlist.text()).toContain('#EXTM3U');
  });

  it('gives sources that core (and so the React components) read as they are', async () => {
    const emulator = await emulatorForTest();
    const { client } = clientFor(emulator.url);
    for (const source of [
      await client.getPrivateVideoSource('viPrivateTs'),
      await client.getPrivateLiveStreamSource('liPrivateLive'),
    ]) {
      expect(toVideoRef(source)).toEqual({
        videoId: source.videoId,
        privateToken: source.privateToken,
        live: source.live,
        domains: expect.objectContaining({ [source.live ? 'live' : 'vod']: emulator.url }),
      });
    }
  });

  it('gives public videos no private token', async () => {
    const emulator = await emulatorForTest();
    const { client } = clientFor(emulator.url);
    const source = await client.getPrivateVideoSource('viPublicFmp4');
    expect(source).toMatchObject({ public: true, privateToken: undefined });
  });
});

describe('the API client against the emulator: errors', () => {
  it('reports an unknown video as not-found', async () => {
    const emulator = await emulatorForTest();
    const { client } = clientFor(emulator.url);
    const error = await apiVideoFailure(client.getPrivateVideoSource('viDoesNotExist'));
    expect(error).toMatchObject({ code: 'not-found', status: 404 });
  });

  it('backs off after 429s and 5xx, then succeeds', async () => {
    const emulator = await emulatorForTest();
    const { client, sleeps } = clientFor(emulator.url);
    emulator.addFault({ match: { path: '/videos/viPrivateTs' }, status: 429, count: 1 });
    emulator.addFault({ match: { path: '/videos/viPrivateTs' }, status: 503, count: 1 });
    await expect(client.getVideo('viPrivateTs')).resolves.toMatchObject({ videoId: 'viPrivateTs' });
    expect(apiLog(emulator).slice(1)).toEqual([
      'GET /videos/viPrivateTs 429',
      'GET /videos/viPrivateTs 503',
      'GET /videos/viPrivateTs 200',
    ]);
    expect(sleeps).toEqual([225, 450]);
  });

  it('reports rate-limited after the bounded retries', async () => {
    const emulator = await emulatorForTest();
    const { client, sleeps } = clientFor(emulator.url);
    emulator.addFault({ match: { path: '/videos/' }, status: 429 });
    const error = await apiVideoFailure(client.getVideo('viPrivateTs'));
    expect(error).toMatchObject({ code: 'rate-limited', status: 429 });
    expect(sleeps).toHaveLength(2);
  });

  it('honours Retry-After on a 429 (header added by a fetch wrapper: emulator faults carry no headers)', async () => {
    const emulator = await emulatorForTest();
    let limited = false;
    const { client, sleeps } = clientFor(emulator.url, {
      fetch: async (input, init) => {
        if (!limited && String(input).includes('/videos/')) {
          limited = true;
          return new Response(null, { status: 429, headers: { 'retry-after': '4' } });
        }
        return fetch(input, init);
      },
    });
    await expect(client.getVideo('viPrivateTs')).resolves.toMatchObject({ videoId: 'viPrivateTs' });
    expect(sleeps).toEqual([4000]);
  });

  it('reports server after the bounded 5xx retries', async () => {
    const emulator = await emulatorForTest();
    const { client, sleeps } = clientFor(emulator.url);
    emulator.addFault({ match: { path: '/auth/api-key' }, status: 500 });
    const error = await apiVideoFailure(client.getVideo('viPrivateTs'));
    expect(error).toMatchObject({ code: 'server', status: 500, path: '/auth/api-key' });
    expect(sleeps).toEqual([225, 450]);
  });

  it('reports network when nothing listens', async () => {
    const port = await closedPort();
    const { client } = clientFor(`http://127.0.0.1:${port}`, { retry: { retries: 1 } });
    const error = await apiVideoFailure(client.getVideo('viPrivateTs'));
    expect(error).toMatchObject({ code: 'network', path: '/auth/api-key' });
  });
});
