import { describe, expect, it, vi } from 'vitest';
import { ApiVideoError } from './ApiVideoError.js';
import { createApiVideoClient } from './createApiVideoClient.js';
import { type Authorize, createPrivateTokenHandler } from './createPrivateTokenHandler.js';
import { createFakeApi, problem } from './test-utils/fakeApi.js';
import { setupClient } from './test-utils/setupClient.js';

function setup(authorize: Authorize = () => true, onError = vi.fn()) {
  const api = createFakeApi();
  const client = createApiVideoClient({
    apiKey: api.apiKey,
    fetch: api.fetch,
    sleep: async () => {},
    retry: { retries: 0 },
  });
  const handler = createPrivateTokenHandler({ client, authorize, onError });
  return { api, handler, onError };
}

const origin = 'https://app.example.com';

async function body(response: Response): Promise<Record<string, unknown>> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(response.headers.get('cache-control')).toBe('no-store');
  return (await response.json()) as Record<string, unknown>;
}

describe('createPrivateTokenHandler: answers', () => {
  it('answers 200 with a fresh private token and the documented shape', async () => {
    const { handler } = setup();
    const response = await handler(new Request(`${origin}/api/private-token?videoId=viPrivate`));
    expect(response.status).toBe(200);
    const json = await body(response);
    expect(Object.keys(json).sort()).toEqual(['assets', 'live', 'privateToken', 'public', 'videoId']);
    expect(json).toMatchObject({ videoId: 'viPrivate', live: false, public: false });
    expect(json.privateToken).toMatch(/^pt-\d+$/);
    expect(json.assets).toMatchObject({
      hls: `https://vod.api.video/vod/viPrivate/token/${json.privateToken}/hls/manifest.m3u8`,
    });
  });

  it('mints a different token on every request', async () => {
    const { handler } = setup();
    const get = async () =>
      (await body(await handler(new Request(`${origin}/api/private-token?videoId=viPrivate`)))).privateToken;
    expect(await get()).not.toBe(await get());
  });

  it('reads the id from a trailing path segment and from a POST body', async () => {
    const { handler } = setup();
    const fromPath = await handler(new Request(`${origin}/api/private-token/viPrivate`));
    const fromBody = await handler(
      new Request(`${origin}/api/private-token`, {
        method: 'POST',
        body: JSON.stringify({ videoId: 'viPrivate' }),
      }),
    );
    expect(await body(fromPath)).toMatchObject({ videoId: 'viPrivate' });
    expect(await body(fromBody)).toMatchObject({ videoId: 'viPrivate' });
  });

  it('reads the POST body id on routes that end in a word such as video or live', async () => {
    const { handler } = setup();
    for (const route of ['/api/video', '/api/live', '/api/private-token/view']) {
      const response = await handler(
        new Request(`${origin}${route}`, { method: 'POST', body: JSON.stringify({ videoId: 'viPrivate' }) }),
      );
      expect(await body(response)).toMatchObject({ videoId: 'viPrivate' });
    }
  });

  it('serves live streams for ids starting with li', async () => {
    const { handler, api } = setup();
    const json = await body(await handler(new Request(`${origin}/api/private-token?videoId=liPrivate`)));
    expect(json).toMatchObject({ videoId: 'liPrivate', live: true, public: false });
    expect(api.requests).toContain('GET /live-streams/liPrivate');
  });

  it('answers privateToken null for a public video', async () => {
    const { handler } = setup();
    const json = await body(await handler(new Request(`${origin}/api/private-token?videoId=viPublic`)));
    expect(json).toMatchObject({ videoId: 'viPublic', public: true, privateToken: null });
  });

  it('answers 400 for a missing or invalid id, without calling the API', async () => {
    const { handler, api } = setup();
    for (const url of [`${origin}/api/private-token`, `${origin}/api/private-token?videoId=../auth`]) {
      const response = await handler(new Request(url));
      expect(response.status).toBe(400);
      expect(await body(response)).toMatchObject({ error: { code: 'invalid-video-id' } });
    }
    const badJson = await handler(new Request(`${origin}/api/private-token`, { method: 'POST', body: '{' }));
    expect(badJson.status).toBe(400);
    expect(api.fetch).not.toHaveBeenCalled();
  });

  it('answers 413 to a POST body over maxBodySize, without asking authorize or the API', async () => {
    const authorize = vi.fn<Authorize>(() => true);
    const { handler, api } = setup(authorize);
    const padded = JSON.stringify({ videoId: 'viPrivate', pad: 'x'.repeat(20_000) });
    const response = await handler(
      new Request(`${origin}/api/private-token`, { method: 'POST', body: padded }),
    );
    expect(response.status).toBe(413);
    expect(await body(response)).toMatchObject({ error: { code: 'payload-too-large' } });
    expect(authorize).not.toHaveBeenCalled();
    expect(api.fetch).not.toHaveBeenCalled();
  });

  it('answers 413 to a POST body over the maxBodySize it was given', async () => {
    const api = createFakeApi();
    const client = createApiVideoClient({ apiKey: api.apiKey, fetch: api.fetch });
    const handler = createPrivateTokenHandler({ client, authorize: () => true, maxBodySize: 10 });
    const response = await handler(
      new Request(`${origin}/api/private-token`, {
        method: 'POST',
        body: JSON.stringify({ videoId: 'viPrivate' }),
      }),
    );
    expect(response.status).toBe(413);
    expect(api.fetch).not.toHaveBeenCalled();
  });

  it('keeps the default maxBodySize for one that is not a number from 0 up (NaN, from an unset environment variable)', async () => {
    const api = createFakeApi();
    const client = createApiVideoClient({ apiKey: api.apiKey, fetch: api.fetch });
    const handler = createPrivateTokenHandler({ client, authorize: () => true, maxBodySize: Number.NaN });
    const padded = JSON.stringify({ videoId: 'viPrivate', pad: 'x'.repeat(20_000) });
    const response = await handler(
      new Request(`${origin}/api/private-token`, { method: 'POST', body: padded }),
    );
    expect(response.status).toBe(413);
    expect(api.fetch).not.toHaveBeenCalled();
  });

  it('answers 405 with Allow for other methods', async () => {
    const { handler } = setup();
    const response = await handler(
      new Request(`${origin}/api/private-token?videoId=viPrivate`, { method: 'PUT' }),
    );
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
    expect(await body(response)).toMatchObject({ error: { code: 'method-not-allowed' } });
  });

  it('answers 404 for an unknown video', async () => {
    const { handler } = setup();
    const response = await handler(new Request(`${origin}/api/private-token?videoId=viMissing`));
    expect(response.status).toBe(404);
    expect(await body(response)).toMatchObject({ error: { code: 'not-found' } });
  });

  it('answers 502 for upstream failures, without the API key or a stack, and reports them', async () => {
    const { handler, api, onError } = setup();
    api.answer('/auth/api-key', problem(401, 'Authentication failed'));
    const response = await handler(new Request(`${origin}/api/private-token?videoId=viPrivate`));
    expect(response.status).toBe(502);
    const text = await response.clone().text();
    expect(text).not.toContain(api.apiKey);
    expect(text).not.toMatch(/\bat .*\.ts/);
    expect(await body(response)).toEqual({
      error: {
        code: 'upstream-error',
        message: 'Could not get a private token from api.video (bad-credentials).',
      },
    });
    expect(onError).toHaveBeenCalledWith(expect.any(ApiVideoError), expect.any(Request));
  });

  it('answers 502 and reports it, not 404, when the API has no auth endpoint (a wrong baseUrl)', async () => {
    const { handler, api, onError } = setup();
    api.answer('/auth/api-key', problem(404, 'Not found'));
    const response = await handler(new Request(`${origin}/api/private-token?videoId=viPrivate`));
    expect(response.status).toBe(502);
    expect(await body(response)).toMatchObject({ error: { code: 'upstream-error' } });
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'bad-request', status: 404, path: '/auth/api-key' }),
      expect.any(Request),
    );
  });

  it('stops the API call when the browser goes away, and logs no failure for it', async () => {
    const { handler, api, onError } = setup();
    const inner = api.fetch.getMockImplementation()!;
    let reached!: (signal: AbortSignal) => void;
    const upstream = new Promise<AbortSignal>((resolve) => {
      reached = resolve;
    });
    api.fetch.mockImplementation(async (input, init) => {
      if (!String(input).includes('/videos/')) return inner(input, init);
      reached(init!.signal!);
      // An API that never answers: only the abort can end this request.
      return new Promise<Response>((_, reject) => {
        init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason), { once: true });
      });
    });
    const browser = new AbortController();
    const answer = handler(
      new Request(`${origin}/api/private-token?videoId=viPrivate`, { signal: browser.signal }),
    );
    const signal = await upstream;
    browser.abort();
    await answer;
    expect(signal.aborted).toBe(true);
    expect(onError).not.toHaveBeenCalled();
  });

  it('leaves no unhandled rejection when the browser goes away during the renewal a 401 started, which then fails', async () => {
    const { handler, api } = setup();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const browser = new AbortController();
      const inner = api.fetch.getMockImplementation()!;
      api.fetch.mockImplementation(async (input, init) => {
        if (String(input).includes('/videos/')) {
          // The renewal this 401 starts finds the API unreachable…
          api.answer('/auth/refresh', new TypeError('fetch failed'));
          api.answer('/auth/api-key', new TypeError('fetch failed'));
          return problem(401, 'Unauthorized');
        }
        // …and the visitor leaves while it runs.
        if (String(input).includes('/auth/refresh')) browser.abort();
        return inner(input, init);
      });
      await handler(new Request(`${origin}/api/private-token?videoId=viPrivate`, { signal: browser.signal }));
      // Node reports an unhandled rejection once the microtasks have run: a macrotask later.
      await new Promise<void>((resolve) => setImmediate(resolve));
      expect(api.requests).toEqual([
        'POST /auth/api-key',
        'GET /videos/viPrivate',
        'POST /auth/refresh',
        'POST /auth/api-key',
      ]);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('leaves no unhandled rejection when an async onError (a logger) rejects', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { client, api } = setupClient();
      api.answer('/videos/viPrivate', problem(500, 'x'), problem(500, 'x'), problem(500, 'x'));
      // Not a `vi.fn`: a spy handles the promises its function returns.
      let logged = 0;
      const onError = async () => {
        logged += 1;
        throw new Error('logger down');
      };
      const handler = createPrivateTokenHandler({ client, authorize: () => true, onError });
      const response = await handler(new Request(`${origin}/api/private-token?videoId=viPrivate`));
      expect(response.status).toBe(502);
      expect(logged).toBe(1);
      // Node reports an unhandled rejection once the microtasks have run: a macrotask later.
      await new Promise<void>((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('passes Retry-After on when the API rate-limits', async () => {
    const { handler, api } = setup();
    api.answer('/videos/viPrivate', problem(429, 'Too many requests', { 'retry-after': '7' }));
    const response = await handler(new Request(`${origin}/api/private-token?videoId=viPrivate`));
    expect(response.status).toBe(502);
    expect(response.headers.get('retry-after')).toBe('7');
  });
});

describe('createPrivateTokenHandler: authorization', () => {
  it('refuses to be created without authorize, saying what to pass', () => {
    const client = createApiVideoClient({ apiKey: 'k' });
    // @ts-expect-error: the missing option is the point of the test.
    expect(() => createPrivateTokenHandler({ client })).toThrow(/needs authorize\(request, videoId\)/);
  });

  it('asks authorize with the request and the id before minting', async () => {
    const authorize = vi.fn<Authorize>(() => true);
    const { handler, api } = setup(authorize);
    const request = new Request(`${origin}/api/private-token?videoId=viPrivate`, {
      headers: { cookie: 'sid=1' },
    });
    await handler(request);
    expect(authorize).toHaveBeenCalledWith(request, 'viPrivate');
    expect(authorize.mock.invocationCallOrder[0]).toBeLessThan(api.fetch.mock.invocationCallOrder[0]!);
  });

  it('answers 403 and mints nothing when authorize says no, or anything but true', async () => {
    for (const verdict of [false, 'yes', 1, undefined]) {
      const { handler, api } = setup(async () => verdict as boolean);
      const response = await handler(new Request(`${origin}/api/private-token?videoId=viPrivate`));
      expect(response.status).toBe(403);
      expect(await body(response)).toMatchObject({ error: { code: 'forbidden' } });
      expect(api.fetch).not.toHaveBeenCalled();
    }
  });

  it('answers 500 and mints nothing when authorize throws', async () => {
    const { handler, api, onError } = setup(() => {
      throw new Error('db down');
    });
    const response = await handler(new Request(`${origin}/api/private-token?videoId=viPrivate`));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('db down');
    expect(onError).toHaveBeenCalledOnce();
    expect(api.fetch).not.toHaveBeenCalled();
  });

  it('leaves the POST body readable for authorize', async () => {
    let seen: unknown;
    const { handler } = setup(async (request) => {
      seen = await request.json();
      return true;
    });
    await handler(
      new Request(`${origin}/api/private-token`, {
        method: 'POST',
        body: JSON.stringify({ videoId: 'viPrivate' }),
      }),
    );
    expect(seen).toEqual({ videoId: 'viPrivate' });
  });
});
