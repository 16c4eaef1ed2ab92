import { isPrivateVideoError } from '@private-video/core';
import { type Emulator, startEmulator } from '@private-video/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiVideoClientOptions, createApiVideoClient } from './createApiVideoClient.js';
import { openSession } from './openSession.js';
import { apiVideoFailure } from './test-utils/apiVideoFailure.js';
import { deferred } from './test-utils/deferred.js';
import { createClock, type createFakeApi, json, problem, videoObject } from './test-utils/fakeApi.js';
import { rejection } from './test-utils/rejection.js';
import { setupClient } from './test-utils/setupClient.js';
import type { ListVideosQuery } from './toListQuery.js';

/** api.video's pagination block, as the emulator's `pagination()` builds it. */
function paginationOf(currentPage: number, pageSize: number, itemsTotal: number, count: number) {
  const pagesTotal = Math.max(1, Math.ceil(itemsTotal / pageSize));
  const link = (rel: string, page: number) => ({
    rel,
    uri: `/videos?currentPage=${page}&pageSize=${pageSize}`,
  });
  const links = [link('self', currentPage), link('first', 1)];
  if (currentPage > 1) links.push(link('previous', currentPage - 1));
  if (currentPage < pagesTotal) links.push(link('next', currentPage + 1));
  links.push(link('last', pagesTotal));
  return { currentPage, currentPageItems: count, pageSize, pagesTotal, itemsTotal, links };
}

/** A page of the fake API: a private and a public video, the first page of 2 out of 5. */
function page() {
  return {
    data: [videoObject('viPrivate', false, 'pt-a'), videoObject('viPublic', true, 'unused')],
    pagination: paginationOf(1, 2, 5, 2),
  };
}

/** The URLs of the list requests the client sent. */
const listUrls = (api: ReturnType<typeof createFakeApi>) =>
  api.fetch.mock.calls.map(([input]) => String(input)).filter((url) => /\/videos(\?|$)/.test(url));

describe('listVideos: the query', () => {
  it('asks GET /videos without a query string when given no query', async () => {
    const { client, api } = setupClient();
    api.answer('/videos', json(page()), json(page()));
    await client.listVideos();
    await client.listVideos({});
    expect(listUrls(api)).toEqual(['https://ws.api.video/videos', 'https://ws.api.video/videos']);
  });

  it('sends the page, the filters and the sort, tags as tags[] and the values percent-encoded', async () => {
    const { client, api } = setupClient();
    api.answer('/videos', json(page()));
    await client.listVideos({
      currentPage: 2,
      pageSize: 10,
      title: 'Tom & Jerry = 100%',
      tags: ['cats', 'dogs & mice'],
      description: 'a/b?c#d',
      sortBy: 'publishedAt',
      sortOrder: 'desc',
    });
    const [url] = listUrls(api);
    expect(url).toBe(
      'https://ws.api.video/videos?currentPage=2&pageSize=10&title=Tom%20%26%20Jerry%20%3D%20100%25' +
        '&tags%5B%5D=cats&tags%5B%5D=dogs%20%26%20mice&description=a%2Fb%3Fc%23d' +
        '&sortBy=publishedAt&sortOrder=desc',
    );
    // What a server reads back: one title, both tags under `tags[]`.
    const params = new URL(url!).searchParams;
    expect(params.get('title')).toBe('Tom & Jerry = 100%');
    expect(params.getAll('tags[]')).toEqual(['cats', 'dogs & mice']);
    expect(params.get('description')).toBe('a/b?c#d');
  });

  it('leaves out fields given as undefined, and sends no tags[] for an empty tags array', async () => {
    const { client, api } = setupClient();
    api.answer('/videos', json(page()));
    await client.listVideos({ currentPage: 3, pageSize: undefined, title: undefined, tags: [] });
    expect(listUrls(api)).toEqual(['https://ws.api.video/videos?currentPage=3']);
  });

  it.each<[string, unknown]>([
    ['pageSize 0', { pageSize: 0 }],
    ['pageSize 101', { pageSize: 101 }],
    ['pageSize 2.5', { pageSize: 2.5 }],
    ['pageSize "10"', { pageSize: '10' }],
    ['pageSize NaN', { pageSize: Number.NaN }],
    ['currentPage 0', { currentPage: 0 }],
    ['currentPage -1', { currentPage: -1 }],
    ['currentPage 1.5', { currentPage: 1.5 }],
    ['currentPage Infinity', { currentPage: Number.POSITIVE_INFINITY }],
    ['a title that is a number', { title: 5 }],
    ['a title with a lone surrogate (half an emoji)', { title: 'cat \uD83D' }],
    ['a description that is null', { description: null }],
    ['tags that are a string', { tags: 'cats' }],
    ['a tag that is not a string', { tags: ['cats', 1] }],
    ['an unknown sortBy', { sortBy: 'duration' }],
    ['an unknown sortOrder', { sortOrder: 'up' }],
    ['an unknown field (a misspelt pageSize)', { pagesize: 10 }],
    ['a query that is not an object', 'currentPage=2'],
    ['a query that is null', null],
  ])('refuses %s as bad-request before any request', async (_, query) => {
    const { client, api } = setupClient();
    const error = await apiVideoFailure(client.listVideos(query as ListVideosQuery));
    expect(error.code).toBe('bad-request');
    expect(error.message).toMatch(/listVideos/);
    const sources = await apiVideoFailure(client.listPrivateVideoSources(query as ListVideosQuery));
    expect(sources.code).toBe('bad-request');
    expect(api.fetch).not.toHaveBeenCalled();
  });

  it('names the field and the value it refuses', async () => {
    const { client } = setupClient();
    const error = await apiVideoFailure(client.listVideos({ pageSize: 101 }));
    expect(error.message).toBe('Invalid listVideos pageSize 101: expected an integer from 1 to 100.');
  });
});

describe('listVideos: the answer', () => {
  it('returns the videos and the pagination block the API sent', async () => {
    const { client, api } = setupClient();
    api.answer('/videos', json(page()));
    const result = await client.listVideos({ pageSize: 2 });
    expect(result).toEqual(page());
  });

  it.each<[string, unknown]>([
    ['no data', { pagination: paginationOf(1, 2, 0, 0) }],
    [
      'data that is not an array',
      { data: { 0: videoObject('viPrivate', false, 'pt-a') }, pagination: paginationOf(1, 2, 1, 1) },
    ],
    [
      'an item without a videoId',
      { data: [{ title: 'No id', public: true }], pagination: paginationOf(1, 2, 1, 1) },
    ],
    ['an item that is not an object', { data: ['viPrivate'], pagination: paginationOf(1, 2, 1, 1) }],
    ['no pagination', { data: [] }],
    [
      'a pagination without pagesTotal',
      { data: [], pagination: { ...paginationOf(1, 2, 0, 0), pagesTotal: undefined } },
    ],
    [
      'a pagination whose itemsTotal is a string',
      { data: [], pagination: { ...paginationOf(1, 2, 0, 0), itemsTotal: '0' } },
    ],
    [
      'a pagination without links',
      { data: [], pagination: { ...paginationOf(1, 2, 0, 0), links: undefined } },
    ],
  ])(
    'reports an answer with %s as malformed-response, without credentials in the message',
    async (_, body) => {
      const { client, api } = setupClient();
      api.answer('/videos', json(body));
      const error = await apiVideoFailure(client.listVideos({ pageSize: 2 }));
      expect(error).toMatchObject({ code: 'malformed-response', status: 200, path: '/videos?pageSize=2' });
      expect(error.message).toMatch(/^The answer of \/videos\?pageSize=2 has /);
      expect(error.message).not.toContain(api.apiKey);
      expect(error.message).not.toContain('at-1');
    },
  );

  it('reports a body that is not a JSON object as malformed-response', async () => {
    const { client, api } = setupClient();
    api.answer('/videos', json([videoObject('viPrivate', false, 'pt-a')]));
    expect(await apiVideoFailure(client.listVideos())).toMatchObject({
      code: 'malformed-response',
      path: '/videos',
    });
  });
});

describe('listVideos: the client around it', () => {
  it('retries a 5xx with the client backoff, then returns the page', async () => {
    const { client, api, sleeps } = setupClient();
    api.answer('/videos', problem(503, 'Unavailable'), json(page()));
    await expect(client.listVideos({ pageSize: 2 })).resolves.toEqual(page());
    expect(sleeps).toEqual([225]);
    expect(api.requests).toEqual(['POST /auth/api-key', 'GET /videos', 'GET /videos']);
  });

  it('reports server after the bounded retries, naming the list path', async () => {
    const { client, api } = setupClient({ retry: { retries: 1 } });
    api.answer('/videos', problem(502, 'Bad gateway'), problem(502, 'Bad gateway'));
    const error = await apiVideoFailure(client.listVideos({ currentPage: 2 }));
    expect(error).toMatchObject({ code: 'server', status: 502, path: '/videos?currentPage=2' });
  });

  it('sends nothing when the signal is already aborted', async () => {
    const { client, api } = setupClient();
    const reason = new Error('gone');
    expect(await rejection(client.listVideos({}, { signal: AbortSignal.abort(reason) }))).toBe(reason);
    expect(api.fetch).not.toHaveBeenCalled();
  });

  it('aborts the list request in flight with the signal reason, and does not retry it', async () => {
    const { client, api } = setupClient();
    const controller = new AbortController();
    const reached = deferred();
    const inner = api.fetch.getMockImplementation()!;
    api.fetch.mockImplementation(async (input, init) => {
      if (!/\/videos\?/.test(String(input))) return inner(input, init);
      reached.resolve();
      // A request that never answers: only its signal can end it.
      return new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
      });
    });
    const call = rejection(client.listPrivateVideoSources({ pageSize: 2 }, { signal: controller.signal }));
    await reached.promise;
    const reason = new Error('visitor left');
    controller.abort(reason);
    expect(await call).toBe(reason);
    expect(api.requests).toEqual(['POST /auth/api-key', 'GET /videos']);
  });
});

describe('listPrivateVideoSources', () => {
  it('reads each video of the page as getPrivateVideoSource does, keeping the pagination', async () => {
    const { client, api } = setupClient();
    api.answer('/videos', json(page()));
    const result = await client.listPrivateVideoSources({ pageSize: 2 });
    expect(result.pagination).toEqual(page().pagination);
    expect(result.data).toEqual([
      {
        videoId: 'viPrivate',
        privateToken: 'pt-a',
        public: false,
        live: false,
        assets: videoObject('viPrivate', false, 'pt-a').assets,
        title: 'A video',
      },
      {
        videoId: 'viPublic',
        privateToken: undefined,
        public: true,
        live: false,
        assets: videoObject('viPublic', true, 'unused').assets,
        title: 'A video',
      },
    ]);
    // The same reading as one video at a time (the fake mints its own tokens there).
    const single = await client.getPrivateVideoSource('viPublic');
    expect(single).toEqual(result.data[1]);
  });

  it('reports a private video without a token as malformed-response, naming the video and the list path', async () => {
    const { client, api } = setupClient();
    const broken = { ...videoObject('viBroken', true, 'unused'), public: false };
    api.answer(
      '/videos',
      json({ data: [videoObject('viPrivate', false, 'pt-a'), broken], pagination: paginationOf(1, 2, 2, 2) }),
    );
    const error = await apiVideoFailure(client.listPrivateVideoSources({ pageSize: 2 }));
    expect(error).toMatchObject({ code: 'malformed-response', status: 200, path: '/videos?pageSize=2' });
    expect(error.message).toMatch(/"viBroken": expected an asset URL with its private token/);
    expect(error.message).toMatch(/\(video "viBroken" of \/videos\?pageSize=2\)$/);
  });
});

describe('listVideos against the emulator', () => {
  const running: Emulator[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((emulator) => emulator.close()));
  });

  async function emulatorClient(
    emulatorOptions: Parameters<typeof startEmulator>[0] = {},
    options: Partial<ApiVideoClientOptions> = {},
  ) {
    const emulator = await startEmulator({ port: 0, ...emulatorOptions });
    running.push(emulator);
    const client = createApiVideoClient({
      apiKey: 'emulator-api-key',
      baseUrl: emulator.url,
      sleep: async () => {},
      ...options,
    });
    /** `METHOD path status` of the API requests the emulator saw. */
    const apiLog = () =>
      emulator
        .log()
        .filter((entry) => entry.kind === 'api')
        .map((entry) => `${entry.method} ${entry.path} ${entry.status}`);
    return { emulator, client, apiLog };
  }

  it('pages through 2 pages of 2, each private video with its own fresh token that opens one session', async () => {
    const { emulator, client, apiLog } = await emulatorClient();
    const first = await client.listPrivateVideoSources({ currentPage: 1, pageSize: 2 });
    const second = await client.listPrivateVideoSources({
      currentPage: first.pagination.currentPage + 1,
      pageSize: 2,
    });
    const itemsTotal = emulator.catalog.videos.length;
    expect(first.pagination).toEqual(paginationOf(1, 2, itemsTotal, 2));
    expect(second.pagination).toEqual(paginationOf(2, 2, itemsTotal, 2));
    const listed = [...first.data, ...second.data];
    expect(listed.map((source) => source.videoId)).toEqual(
      emulator.catalog.videos.slice(0, 4).map((video) => video.videoId),
    );
    expect(apiLog()).toEqual(['POST /auth/api-key 200', 'GET /videos 200', 'GET /videos 200']);

    const privates = listed.filter((source) => !source.public);
    expect(privates.length).toBeGreaterThan(0);
    for (const source of listed.filter((s) => s.public)) expect(source.privateToken).toBeUndefined();
    const tokens = privates.map((source) => source.privateToken);
    expect(new Set(tokens).size).toBe(privates.length);
    // A new call mints new tokens.
    const again = await client.listPrivateVideoSources({ currentPage: 1, pageSize: 2 });
    for (const source of again.data.filter((s) => !s.public))
      expect(tokens).not.toContain(source.privateToken);

    for (const source of privates) {
      const opened = await openSession(source);
      expect(opened.session?.token).toEqual(expect.any(String));
      const thumbnail = await fetch(opened.assets.thumbnail);
      expect(thumbnail.status).toBe(200);
      await thumbnail.body?.cancel();
      const reopened = await openSession(source).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(isPrivateVideoError(reopened) && reopened.code).toBe('token-used');
    }
  });

  it('sends a query the emulator reads back as sent, tags[] included', async () => {
    const { emulator, client } = await emulatorClient();
    await client.listVideos({ currentPage: 2, pageSize: 3, title: 'Grid & co', tags: ['a', 'b'] });
    const entry = emulator.log().find((e) => e.kind === 'api' && e.path === '/videos');
    // `tags%5B%5D` reads back as `tags[]`; the log keeps the first value of a repeated parameter (both are
    // sent: see the first test).
    expect(entry?.query).toEqual({ currentPage: '2', pageSize: '3', title: 'Grid & co', 'tags[]': 'a' });
  });

  it('gets a new access token when the API answers 401, and repeats the list request once', async () => {
    // The client's clock stands still, so only the emulator knows the token expired.
    const clock = createClock();
    const { client, apiLog } = await emulatorClient(
      { now: clock.now, accessTokenTtl: 600 },
      { now: () => 0 },
    );
    await client.listVideos({ pageSize: 2 });
    clock.advance(600_000);
    const result = await client.listVideos({ pageSize: 2 });
    expect(result.data).toHaveLength(2);
    expect(apiLog().slice(2)).toEqual(['GET /videos 401', 'POST /auth/refresh 200', 'GET /videos 200']);
  });

  it("waits out the Retry-After of the emulator's 429 and asks again; fails as rate-limited on a longer one", async () => {
    const slept: number[] = [];
    const { emulator, client, apiLog } = await emulatorClient(
      {},
      { sleep: async (ms) => void slept.push(ms), retry: { maxRetryAfter: 5_000 } },
    );
    emulator.addFault({ match: { path: '/videos' }, status: 429, retryAfter: 3, count: 1 });
    expect((await client.listVideos({ pageSize: 2 })).data).toHaveLength(2);
    expect(slept).toEqual([3_000]);
    expect(apiLog()).toEqual(['POST /auth/api-key 200', 'GET /videos 429', 'GET /videos 200']);

    emulator.addFault({ match: { path: '/videos' }, status: 429, retryAfter: 60 });
    await expect(client.listVideos({ pageSize: 2 })).rejects.toMatchObject({
      code: 'rate-limited',
      retryAfter: 60,
    });
    expect(slept).toEqual([3_000]);
  });
});
