import { describe, expect, it, vi } from 'vitest';
import { createApiVideoClient } from './createApiVideoClient.js';
import { apiVideoFailure } from './test-utils/apiVideoFailure.js';
import { deferred } from './test-utils/deferred.js';
import { createFakeApi, json, liveObject, problem, videoObject } from './test-utils/fakeApi.js';
import { listenedSignal } from './test-utils/listenedSignal.js';
import { rejection } from './test-utils/rejection.js';
import { setupClient } from './test-utils/setupClient.js';

/** The bearer token of the last video request (renewals started beside calls interleave with them). */
const getBearer = (api: ReturnType<typeof createFakeApi>) =>
  api.bearers[api.requests.lastIndexOf('GET /videos/viPrivate')];

/**
 * Lets every pending promise continuation run: the fake API answers at once and no timer is involved, so
 * a renewal started beside a call has finished after it.
 */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('createApiVideoClient: authentication', () => {
  it('takes `signal: null`, as `fetch` does (plain JS passes it)', async () => {
    const { client } = setupClient();
    await expect(client.getVideo('viPrivate', { signal: null })).resolves.toMatchObject({
      videoId: 'viPrivate',
    });
  });

  it('gets an access token with the API key once, then reuses it as a bearer token', async () => {
    const { client, api } = setupClient();
    await client.getVideo('viPrivate');
    await client.getVideo('viPrivate');
    expect(api.requests).toEqual(['POST /auth/api-key', 'GET /videos/viPrivate', 'GET /videos/viPrivate']);
    expect(api.bearers).toEqual([undefined, 'at-1', 'at-1']);
  });

  it('sends the API key only in the body of POST /auth/api-key', async () => {
    const { client, api } = setupClient();
    await client.getVideo('viPrivate');
    const [[authUrl, authInit], [videoUrl, videoInit]] = api.fetch.mock.calls as unknown as [
      [string, RequestInit],
      [string, RequestInit],
    ];
    expect(JSON.parse(String(authInit.body))).toEqual({ apiKey: api.apiKey });
    expect(`${videoUrl} ${JSON.stringify(videoInit)} ${authUrl}`).not.toContain(api.apiKey);
  });

  it('refreshes the access token one minute before it expires, not earlier, without making callers wait', async () => {
    const { client, api, clock } = setupClient();
    await client.getVideo('viPrivate');
    clock.advance(3_600_000 - 60_000 - 1);
    await client.getVideo('viPrivate');
    expect(api.requests).not.toContain('POST /auth/refresh');
    clock.advance(1);
    await client.getVideo('viPrivate');
    // Served at once with the token that still lives; the refresh goes out beside it, for later calls.
    expect(api.requests.slice(-2)).toEqual(['POST /auth/refresh', 'GET /videos/viPrivate']);
    expect(getBearer(api)).toBe('at-1');
    await settle();
    await client.getVideo('viPrivate');
    expect(api.requests.filter((request) => request.startsWith('POST'))).toHaveLength(2);
    expect(getBearer(api)).not.toBe('at-1');
  });

  it('never holds a call for a renewal while the token still lives, even one that never answers', async () => {
    const { api, clock } = setupClient();
    const client = createApiVideoClient({
      apiKey: api.apiKey,
      baseUrl: 'https://ws.api.video',
      now: clock.now,
      fetch: (input, init) =>
        String(input).endsWith('/auth/refresh') ? new Promise<Response>(() => {}) : api.fetch(input, init),
    });
    await client.getVideo('viPrivate');
    clock.advance(3_600_000 - 30_000); // inside the refresh margin, before expiry
    await expect(client.getVideo('viPrivate')).resolves.toMatchObject({ videoId: 'viPrivate' });
    expect(getBearer(api)).toBe('at-1');
  });

  it.each([
    ['NaN (an unset environment variable)', Number.NaN],
    ['negative', -1],
  ])('refreshes early by the default margin when refreshMargin is %s', async (_, refreshMargin) => {
    const { client, api, clock } = setupClient({ refreshMargin });
    await client.getVideo('viPrivate');
    clock.advance(3_600_000 - 30_000); // inside the default margin, before expiry
    await client.getVideo('viPrivate');
    await settle();
    expect(api.requests).toContain('POST /auth/refresh');
  });

  it('uses a short-lived token for half its life before refreshing it', async () => {
    const { client, api, clock } = setupClient({ expiresIn: 10 });
    await client.getVideo('viPrivate');
    clock.advance(4_999);
    await client.getVideo('viPrivate');
    clock.advance(1);
    await client.getVideo('viPrivate');
    expect(api.requests.filter((request) => request.startsWith('POST'))).toEqual([
      'POST /auth/api-key',
      'POST /auth/refresh',
    ]);
  });

  it('refreshes the access token when the API answers 401, and repeats the request once', async () => {
    const { client, api } = setupClient();
    await client.getVideo('viPrivate');
    api.revoke('at-1');
    const video = await client.getVideo('viPrivate');
    expect(video.videoId).toBe('viPrivate');
    expect(api.requests.slice(1)).toEqual([
      'GET /videos/viPrivate',
      'GET /videos/viPrivate',
      'POST /auth/refresh',
      'GET /videos/viPrivate',
    ]);
    expect(getBearer(api)).not.toBe('at-1');
  });

  it('shares one auth request among concurrent callers', async () => {
    const { client, api } = setupClient();
    await Promise.all(Array.from({ length: 10 }, () => client.getVideo('viPrivate')));
    expect(api.requests.filter((request) => request.startsWith('POST'))).toEqual(['POST /auth/api-key']);
  });

  it('shares one refresh among concurrent callers after expiry and after a 401', async () => {
    const { client, api, clock } = setupClient();
    await client.getVideo('viPrivate');
    clock.advance(3_600_000);
    await Promise.all(Array.from({ length: 5 }, () => client.getVideo('viPrivate')));
    api.revoke(getBearer(api)!);
    await Promise.all(Array.from({ length: 5 }, () => client.getVideo('viPrivate')));
    expect(api.requests.filter((request) => request.startsWith('POST'))).toEqual([
      'POST /auth/api-key',
      'POST /auth/refresh',
      'POST /auth/refresh',
    ]);
  });

  it('keeps using a token that has not expired when renewing it early fails, and renews on a later call', async () => {
    const { client, api, clock } = setupClient({ retry: { retries: 0 } });
    await client.getVideo('viPrivate');
    clock.advance(3_600_000 - 30_000); // inside the refresh margin, before expiry
    api.answer('/auth/refresh', problem(503, 'Unavailable'));
    api.answer('/auth/api-key', problem(503, 'Unavailable'));
    await expect(client.getVideo('viPrivate')).resolves.toMatchObject({ videoId: 'viPrivate' });
    expect(getBearer(api)).toBe('at-1');
    await settle();
    expect(api.requests.filter((request) => request.startsWith('POST')).slice(1)).toEqual([
      'POST /auth/refresh',
      'POST /auth/api-key',
    ]);
    // Once the API is back, the next call renews (still served with the live token), and the one after
    // uses the new token.
    await client.getVideo('viPrivate');
    await settle();
    await client.getVideo('viPrivate');
    expect(api.requests.filter((request) => request.startsWith('POST')).at(-1)).toBe('POST /auth/refresh');
    expect(getBearer(api)).not.toBe('at-1');
  });

  it('fails when the renewal fails and the token has expired', async () => {
    const { client, api, clock } = setupClient({ retry: { retries: 0 } });
    await client.getVideo('viPrivate');
    clock.advance(3_600_000);
    api.answer('/auth/refresh', problem(503, 'Unavailable'));
    api.answer('/auth/api-key', problem(503, 'Unavailable'));
    const error = await apiVideoFailure(client.getVideo('viPrivate'));
    expect(error).toMatchObject({ code: 'server', path: '/auth/api-key' });
  });

  it('does not hand out a token the API refused when getting a new one fails', async () => {
    const { client, api } = setupClient({ retry: { retries: 0 } });
    await client.getVideo('viPrivate');
    api.revoke('at-1');
    api.answer('/auth/refresh', problem(503, 'Unavailable'));
    api.answer('/auth/api-key', problem(503, 'Unavailable'));
    await apiVideoFailure(client.getVideo('viPrivate'));
    await client.getVideo('viPrivate');
    expect(api.bearers.filter((bearer) => bearer === 'at-1')).toHaveLength(2);
  });

  it('falls back to the API key when the refresh is refused', async () => {
    const { client, api, clock } = setupClient();
    await client.getVideo('viPrivate');
    clock.advance(3_600_000);
    api.answer('/auth/refresh', problem(400, 'Invalid refresh token'));
    await client.getVideo('viPrivate');
    expect(api.requests.slice(2)).toEqual([
      'POST /auth/refresh',
      'POST /auth/api-key',
      'GET /videos/viPrivate',
    ]);
  });

  it('reports a refused API key as bad-credentials, without the key in the message', async () => {
    const { client, api } = setupClient({ apiKey: 'wrong-key' });
    const error = await apiVideoFailure(client.getVideo('viPrivate'));
    expect(error).toMatchObject({ code: 'bad-credentials', status: 401, path: '/auth/api-key' });
    expect(error.message).not.toContain('wrong-key');
    expect(api.requests).toEqual(['POST /auth/api-key']);
  });

  it('reports the 400 api.video documents for a wrong key as bad-credentials, with the sandbox hint', async () => {
    const { client, api } = setupClient();
    // The answer of api.video's OpenAPI description for POST /auth/api-key with wrong credentials.
    api.answer('/auth/api-key', problem(400, 'The user credentials were incorrect.'));
    const error = await apiVideoFailure(client.getVideo('viPrivate'));
    expect(error).toMatchObject({ code: 'bad-credentials', status: 400, path: '/auth/api-key' });
    expect(error.message).toMatch(/sandbox/);
    expect(api.requests).toEqual(['POST /auth/api-key']);
  });

  it('reports bad-credentials when a new access token is refused too', async () => {
    const { client, api } = setupClient();
    api.answer('/videos/viPrivate', problem(401, 'Unauthorized'), problem(401, 'Unauthorized'));
    const error = await apiVideoFailure(client.getVideo('viPrivate'));
    expect(error).toMatchObject({ code: 'bad-credentials', status: 401 });
  });

  it('reports an auth answer without tokens as malformed-response', async () => {
    const { client, api } = setupClient();
    api.answer('/auth/api-key', json({ access_token: 'at', token_type: 'Bearer' }));
    const error = await apiVideoFailure(client.getVideo('viPrivate'));
    expect(error).toMatchObject({ code: 'malformed-response', path: '/auth/api-key' });
  });

  it('refuses to start without an API key', () => {
    expect(() => createApiVideoClient({ apiKey: '' })).toThrow(/needs \{ apiKey \}/);
  });
});

describe('createApiVideoClient: retries and errors', () => {
  it('waits for Retry-After seconds after a 429, then retries', async () => {
    const { client, api, sleeps } = setupClient();
    api.answer('/videos/viPrivate', problem(429, 'Too many requests', { 'retry-after': '2' }));
    await expect(client.getVideo('viPrivate')).resolves.toMatchObject({ videoId: 'viPrivate' });
    expect(sleeps).toEqual([2000]);
  });

  it('reads a Retry-After HTTP date against the injected clock', async () => {
    const { client, api, clock, sleeps } = setupClient();
    const date = new Date(clock.now() + 3_000).toUTCString();
    api.answer('/videos/viPrivate', problem(429, 'Too many requests', { 'retry-after': date }));
    await client.getVideo('viPrivate');
    expect(sleeps).toEqual([3000]);
  });

  it('gives up after the bounded retries with rate-limited carrying retryAfter', async () => {
    const { client, api, sleeps } = setupClient();
    const tooMany = () => problem(429, 'Too many requests', { 'retry-after': '1' });
    api.answer('/videos/viPrivate', tooMany(), tooMany(), tooMany());
    const error = await apiVideoFailure(client.getVideo('viPrivate'));
    expect(error).toMatchObject({ code: 'rate-limited', status: 429, retryAfter: 1 });
    expect(sleeps).toEqual([1000, 1000]);
  });

  it('does not wait for a Retry-After longer than maxRetryAfter', async () => {
    const { client, api, sleeps } = setupClient({ retry: { maxRetryAfter: 5_000 } });
    api.answer('/videos/viPrivate', problem(429, 'Too many requests', { 'retry-after': '30' }));
    const error = await apiVideoFailure(client.getVideo('viPrivate'));
    expect(error).toMatchObject({ code: 'rate-limited', retryAfter: 30 });
    expect(sleeps).toEqual([]);
  });

  it('waits for a Retry-After of maxRetryAfter itself (the default 10 s): only a longer one fails at once', async () => {
    const { client, api, sleeps } = setupClient();
    api.answer('/videos/viPrivate', problem(429, 'Too many requests', { 'retry-after': '10' }));
    await expect(client.getVideo('viPrivate')).resolves.toMatchObject({ videoId: 'viPrivate' });
    expect(sleeps).toEqual([10_000]);
  });

  it("measures a Retry-After HTTP date from the API's Date header, so clock skew does not count", async () => {
    const { client, api, clock, sleeps } = setupClient();
    const apiNow = clock.now() + 60_000; // the API's clock runs a minute ahead of ours
    api.answer(
      '/videos/viPrivate',
      problem(429, 'Too many requests', {
        date: new Date(apiNow).toUTCString(),
        'retry-after': new Date(apiNow + 3_000).toUTCString(),
      }),
    );
    await expect(client.getVideo('viPrivate')).resolves.toMatchObject({ videoId: 'viPrivate' });
    expect(sleeps).toEqual([3000]);
  });

  it.each([
    ['given as undefined', undefined],
    ['not a number from 0 up (NaN, from an unset environment variable)', Number.NaN],
    ['negative', -1],
  ])('keeps the default retry bounds for retries %s', async (_case, retries) => {
    const { client, api, sleeps } = setupClient({ retry: { retries, maxRetryAfter: undefined } });
    const busy = () => problem(503, 'Unavailable');
    // Three failures use up the default bound; unbounded retries would reach the fake's 200 after them.
    api.answer('/videos/viPrivate', busy(), busy(), busy());
    expect(await apiVideoFailure(client.getVideo('viPrivate'))).toMatchObject({ code: 'server' });
    expect(sleeps).toHaveLength(2);
    api.answer('/videos/viPrivate', problem(429, 'Too many requests', { 'retry-after': '3600' }));
    expect(await apiVideoFailure(client.getVideo('viPrivate'))).toMatchObject({ code: 'rate-limited' });
    expect(sleeps).toHaveLength(2);
  });

  it('keeps the default maxRetryAfter for one that is not a number from 0 up: an hour-long Retry-After fails at once', async () => {
    const { client, api, sleeps } = setupClient({ retry: { maxRetryAfter: Number.NaN } });
    api.answer('/videos/viPrivate', problem(429, 'Too many requests', { 'retry-after': '3600' }));
    expect(await apiVideoFailure(client.getVideo('viPrivate'))).toMatchObject({ code: 'rate-limited' });
    expect(sleeps).toEqual([]);
  });

  it.each(['baseDelay', 'maxDelay'])('keeps the default backoff for a %s of NaN', async (field) => {
    const { client, api, sleeps } = setupClient({ retry: { [field]: Number.NaN } });
    api.answer('/videos/viPrivate', problem(503, 'Unavailable'));
    await expect(client.getVideo('viPrivate')).resolves.toMatchObject({ videoId: 'viPrivate' });
    expect(sleeps).toEqual([225]);
  });

  it('caps the backoff at the default maxDelay of 5 s', async () => {
    const { client, api, sleeps } = setupClient({ retry: { retries: 6 } });
    const busy = () => problem(503, 'Unavailable');
    api.answer('/videos/viPrivate', busy(), busy(), busy(), busy(), busy(), busy());
    await expect(client.getVideo('viPrivate')).resolves.toMatchObject({ videoId: 'viPrivate' });
    // Ceilings of 300 ms doubling, the last (9.6 s) capped at 5 s; random() = 0.5 waits three quarters.
    expect(sleeps).toEqual([225, 450, 900, 1_800, 3_600, 3_750]);
  });

  it('waits out a Retry-After up to the default maxRetryAfter of 10 s, and fails at once past it', async () => {
    const { client, api, sleeps } = setupClient();
    api.answer('/videos/viPrivate', problem(429, 'Too many requests', { 'retry-after': '10' }));
    await expect(client.getVideo('viPrivate')).resolves.toMatchObject({ videoId: 'viPrivate' });
    expect(sleeps).toEqual([10_000]);
    api.answer('/videos/viPrivate', problem(429, 'Too many requests', { 'retry-after': '11' }));
    expect(await apiVideoFailure(client.getVideo('viPrivate'))).toMatchObject({ code: 'rate-limited' });
    expect(sleeps).toEqual([10_000]);
  });

  it('retries a 5xx with exponential backoff and jitter, then succeeds', async () => {
    const { client, api, sleeps } = setupClient();
    api.answer('/videos/viPrivate', problem(503, 'Unavailable'), problem(500, 'Oops'));
    await expect(client.getVideo('viPrivate')).resolves.toMatchObject({ videoId: 'viPrivate' });
    // random() = 0.5: half the ceiling plus a quarter, for ceilings of 300 and 600 ms.
    expect(sleeps).toEqual([225, 450]);
  });

  it('reports server after the bounded 5xx retries', async () => {
    const { client, api, sleeps } = setupClient({ retry: { retries: 1 } });
    api.answer('/videos/viPrivate', problem(502, 'Bad gateway'), problem(502, 'Bad gateway'));
    const error = await apiVideoFailure(client.getVideo('viPrivate'));
    expect(error).toMatchObject({ code: 'server', status: 502, path: '/videos/viPrivate' });
    expect(sleeps).toEqual([225]);
  });

  it('reports network when no answer comes, after retries', async () => {
    const { client, api, sleeps } = setupClient();
    const down = () => new TypeError('fetch failed');
    api.answer('/auth/api-key', down(), down(), down());
    const error = await apiVideoFailure(client.getVideo('viPrivate'));
    expect(error).toMatchObject({ code: 'network', path: '/auth/api-key' });
    expect(sleeps).toHaveLength(2);
  });

  it('reports an unknown video as not-found, without retrying', async () => {
    const { client, api } = setupClient();
    const error = await apiVideoFailure(client.getVideo('viMissing'));
    expect(error).toMatchObject({ code: 'not-found', status: 404, path: '/videos/viMissing' });
    expect(api.requests.filter((request) => request === 'GET /videos/viMissing')).toHaveLength(1);
  });

  it('reports a body that is not JSON, or not a video, as malformed-response', async () => {
    const { client, api } = setupClient();
    api.answer('/videos/viPrivate', new Response('<html>', { status: 200 }), json({ title: 'no id' }));
    await expect(apiVideoFailure(client.getVideo('viPrivate'))).resolves.toMatchObject({
      code: 'malformed-response',
    });
    await expect(apiVideoFailure(client.getVideo('viPrivate'))).resolves.toMatchObject({
      code: 'malformed-response',
    });
  });

  it('refuses an id that is not an api.video id before any request', async () => {
    const { client, api } = setupClient();
    const error = await apiVideoFailure(client.getVideo('../auth/api-key'));
    expect(error.code).toBe('bad-request');
    expect(api.fetch).not.toHaveBeenCalled();
  });

  it.each([
    [Infinity, 2 ** 31 - 1],
    [2 ** 31, 2 ** 31 - 1],
    [2 ** 32, 2 ** 31 - 1],
    [0, 10_000],
    [-1, 10_000],
    [Number.NaN, 10_000],
    [1_500.5, 1_501],
  ])('reads timeout %s as %s ms, rather than failing every call with a RangeError', async (timeout, used) => {
    const { client } = setupClient({ timeout });
    const timeouts = vi.spyOn(AbortSignal, 'timeout');
    await expect(client.getVideo('viPrivate')).resolves.toMatchObject({ videoId: 'viPrivate' });
    expect(timeouts.mock.calls).toEqual([[used], [used]]);
  });

  it('sends requests to a custom baseUrl', async () => {
    const { client, api } = setupClient({ baseUrl: 'http://127.0.0.1:4010/' });
    await client.getVideo('viPrivate');
    expect(api.fetch.mock.calls.map(([url]) => String(url))).toEqual([
      'http://127.0.0.1:4010/auth/api-key',
      'http://127.0.0.1:4010/videos/viPrivate',
    ]);
  });
});

describe('createApiVideoClient: private video sources', () => {
  it('mints a new private token on every call, read from the asset URLs', async () => {
    const { client } = setupClient();
    const first = await client.getPrivateVideoSource('viPrivate');
    const second = await client.getPrivateVideoSource('viPrivate');
    expect(first).toMatchObject({ videoId: 'viPrivate', public: false, live: false, title: 'A video' });
    expect(first.privateToken).toMatch(/^pt-\d+$/);
    expect(second.privateToken).not.toBe(first.privateToken);
    expect(first.assets.hls).toBe(
      `https://vod.api.video/vod/viPrivate/token/${first.privateToken}/hls/manifest.m3u8`,
    );
  });

  it('gives public videos no private token', async () => {
    const { client } = setupClient();
    const source = await client.getPrivateVideoSource('viPublic');
    expect(source).toMatchObject({ videoId: 'viPublic', public: true, live: false, privateToken: undefined });
  });

  it('reads private live streams', async () => {
    const { client } = setupClient();
    const source = await client.getPrivateLiveStreamSource('liPrivate');
    expect(source).toMatchObject({ videoId: 'liPrivate', public: false, live: true, title: 'A live stream' });
    expect(source.assets.hls).toBe(`https://live.api.video/private/${source.privateToken}/liPrivate.m3u8`);
  });

  it('reports an answer about another video or live stream as malformed-response', async () => {
    const { client, api } = setupClient();
    api.answer('/videos/viPrivate', json(videoObject('viOther', false, 'pt-x')));
    const error = await apiVideoFailure(client.getPrivateVideoSource('viPrivate'));
    expect(error).toMatchObject({ code: 'malformed-response', path: '/videos/viPrivate' });
    api.answer('/live-streams/liPrivate', json(liveObject('liOther', false, 'pt-y')));
    const live = await apiVideoFailure(client.getPrivateLiveStreamSource('liPrivate'));
    expect(live).toMatchObject({ code: 'malformed-response', path: '/live-streams/liPrivate' });
  });

  it('reports a private video whose assets carry no token as malformed-response', async () => {
    const { client, api } = setupClient();
    api.answer('/videos/viPrivate', json({ videoId: 'viPrivate', public: false, assets: {} }));
    const error = await apiVideoFailure(client.getPrivateVideoSource('viPrivate'));
    expect(error).toMatchObject({ code: 'malformed-response', path: '/videos/viPrivate' });
  });
});

describe('createApiVideoClient: cancellation', () => {
  it('sends nothing when the signal is already aborted', async () => {
    const { client, api } = setupClient();
    const reason = new Error('gone');
    expect(await rejection(client.getVideo('viPrivate', { signal: AbortSignal.abort(reason) }))).toBe(reason);
    expect(api.fetch).not.toHaveBeenCalled();
  });

  it('aborts the request in flight and does not retry it', async () => {
    const { client, api } = setupClient();
    await client.getVideo('viPrivate');
    const controller = new AbortController();
    const reached = deferred();
    const inner = api.fetch.getMockImplementation()!;
    api.fetch.mockImplementation(async (input, init) => {
      if (!String(input).endsWith('/videos/viPrivate')) return inner(input, init);
      reached.resolve();
      // A request that never answers: only its signal can end it.
      return new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
      });
    });
    const call = rejection(client.getPrivateVideoSource('viPrivate', { signal: controller.signal }));
    await reached.promise;
    const reason = new Error('visitor left');
    controller.abort(reason);
    expect(await call).toBe(reason);
    expect(api.requests.filter((request) => request === 'GET /videos/viPrivate')).toHaveLength(2);
  });

  it('times out a login whose app-given fetch ignores its signal: the calls waiting for it fail, and the next logs in', async () => {
    const api = createFakeApi();
    let hang = true;
    const client = createApiVideoClient({
      apiKey: api.apiKey,
      baseUrl: 'https://ws.api.video',
      // Honours no signal: a request that never answers would hold every call for good.
      fetch: (input, init) => (hang ? new Promise<Response>(() => {}) : api.fetch(input, init)),
      timeout: 20,
      retry: { retries: 0 },
    });
    const [first, second] = await Promise.all([
      rejection(client.getVideo('viPrivate')),
      rejection(client.getVideo('viPrivate')),
    ]);
    expect(first).toMatchObject({ code: 'network' });
    expect(second).toMatchObject({ code: 'network' });
    hang = false;
    await expect(client.getVideo('viPrivate')).resolves.toMatchObject({ videoId: 'viPrivate' });
  });

  it("rejects with the signal's reason when aborted, though the app-given fetch ignores the signal", async () => {
    const api = createFakeApi();
    const reached = deferred();
    const client = createApiVideoClient({
      apiKey: api.apiKey,
      baseUrl: 'https://ws.api.video',
      fetch: (input, init) => {
        if (!String(input).includes('/videos/')) return api.fetch(input, init);
        reached.resolve();
        return new Promise<Response>(() => {});
      },
    });
    const controller = new AbortController();
    const call = rejection(client.getVideo('viPrivate', { signal: controller.signal }));
    await reached.promise;
    const reason = new Error('visitor left');
    controller.abort(reason);
    expect(await call).toBe(reason);
  });

  it('stops waiting out a Retry-After when aborted', async () => {
    const waiting = deferred<number>();
    // A wait that never ends by itself: only the abort can end the call.
    const sleep = (ms: number) => {
      waiting.resolve(ms);
      return new Promise<void>(() => {});
    };
    const { client, api } = setupClient({ sleep });
    api.answer('/videos/viPrivate', problem(429, 'Too many requests', { 'retry-after': '5' }));
    const controller = new AbortController();
    const call = rejection(client.getVideo('viPrivate', { signal: controller.signal }));
    expect(await waiting.promise).toBe(5_000);
    controller.abort();
    expect(await call).toMatchObject({ name: 'AbortError' });
    expect(api.requests).toEqual(['POST /auth/api-key', 'GET /videos/viPrivate']);
  });

  it('lets one caller leave a shared auth request without failing the others', async () => {
    const { client, api } = setupClient();
    const gate = deferred();
    const inner = api.fetch.getMockImplementation()!;
    api.fetch.mockImplementation(async (input, init) => {
      if (String(input).endsWith('/auth/api-key')) await gate.promise;
      return inner(input, init);
    });
    const controller = new AbortController();
    const leaving = rejection(client.getVideo('viPrivate', { signal: controller.signal }));
    const staying = client.getVideo('viPrivate');
    controller.abort();
    expect(await leaving).toMatchObject({ name: 'AbortError' });
    gate.resolve();
    await expect(staying).resolves.toMatchObject({ videoId: 'viPrivate' });
    expect(api.requests).toEqual(['POST /auth/api-key', 'GET /videos/viPrivate']);
  });

  it('leaves no listener on a signal the caller keeps, whether calls answer, fail or are retried', async () => {
    const { client, api } = setupClient();
    const { signal: shutdown, listening } = listenedSignal();
    await client.getVideo('viPrivate', { signal: shutdown });
    api.answer('/videos/viGone', problem(404, 'Not found'));
    await apiVideoFailure(client.getVideo('viGone', { signal: shutdown }));
    api.answer('/videos/viBusy', problem(503, 'Busy'));
    await apiVideoFailure(client.getVideo('viBusy', { signal: shutdown }));
    expect(listening.size).toBe(0);
  });

  it("never ties the caller's own signal to a request: Node 20 keeps AbortSignal.any's sources' dependants", async () => {
    const { client } = setupClient();
    const shutdown = new AbortController().signal;
    const any = vi.spyOn(AbortSignal, 'any');
    try {
      await client.getVideo('viPrivate', { signal: shutdown });
      expect(any.mock.calls.flat(2)).not.toContain(shutdown);
    } finally {
      any.mockRestore();
    }
  });

  it('reports a body that breaks off as network, not malformed-response', async () => {
    const { client, api } = setupClient();
    const broken = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"videoId":'));
        controller.error(new TypeError('terminated'));
      },
    });
    api.answer('/videos/viPrivate', new Response(broken, { status: 200 }));
    const error = await apiVideoFailure(client.getVideo('viPrivate'));
    expect(error).toMatchObject({ code: 'network', status: 200, path: '/videos/viPrivate' });
  });
});
