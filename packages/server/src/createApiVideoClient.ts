import type { ApiLiveStreamObject, ApiVideoObject } from '@private-video/core';
import { toDuration } from '@private-video/core';
import { AccessTokens } from './AccessTokens.js';
import { ApiVideoError } from './ApiVideoError.js';
import { linkSignal } from './linkSignal.js';
import { readJsonObject, toStatusError } from './readResponse.js';
import { type ApiRetryOptions, discard, type HttpContext, sendWithRetry } from './sendWithRetry.js';
import { type ListVideosQuery, toListQuery } from './toListQuery.js';
import { type PrivateVideoSource, toPrivateVideoSource } from './toPrivateVideoSource.js';
import { toVideoPage } from './toVideoPage.js';
import { validRetryFields } from './validRetryFields.js';
import { wait } from './wait.js';

/** api.video's API origin, the client's default `baseUrl`. */
export const DEFAULT_BASE_URL = 'https://ws.api.video';

/** Options of `createApiVideoClient`: `apiKey` is required, the others have defaults. */
export interface ApiVideoClientOptions {
  /** Your api.video API key. Keep it on the server: read it from the environment, never ship it. */
  apiKey: string;
  /** The API origin: `https://ws.api.video` (default), `https://sandbox.api.video`, or a local emulator. */
  baseUrl?: string | undefined;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch | undefined;
  /** The clock, in ms since the epoch (access-token expiry and HTTP-date `Retry-After`). */
  now?: (() => number) | undefined;
  /**
   * Waits between retries; injectable so tests need no real time. `signal` is the call's: the wait may
   * end early when it aborts (the call rejects at once either way).
   */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** Jitter source for backoff, in [0, 1). */
  random?: (() => number) | undefined;
  retry?: Partial<ApiRetryOptions> | undefined;
  /** Renew the access token this many ms before it expires (default 60 000). */
  refreshMargin?: number | undefined;
  /**
   * Per-attempt request timeout in ms (default 10 000). One that is not a positive number (0, negative,
   * `NaN`) means the default; `Infinity`, or anything over 2^31 - 1, waits 2^31 - 1 ms (about 24.8 days).
   */
  timeout?: number | undefined;
}

/** A video object of the API: the fields core reads, plus everything else the API returns. */
export type ApiVideo = ApiVideoObject & { readonly [field: string]: unknown };
/** A live stream object of the API: the fields core reads, plus everything else the API returns. */
export type ApiLiveStream = ApiLiveStreamObject & { readonly [field: string]: unknown };

/** api.video's pagination block of a list answer. */
export interface ApiPagination {
  /** The page this is, from 1. */
  currentPage: number;
  /** How many items this page holds. */
  currentPageItems: number;
  pageSize: number;
  /** At least 1, even when there are no items. */
  pagesTotal: number;
  itemsTotal: number;
  /** `self`, `first`, `previous`, `next`, `last`: each with the page's path and query, e.g. `/videos?currentPage=2&pageSize=25`. */
  links: { rel: string; uri: string }[];
}

/** One page of `GET /videos`. */
export interface ApiVideoPage {
  data: ApiVideo[];
  pagination: ApiPagination;
}

/** One page of videos, each with what the browser needs to play it (a fresh private token if private). */
export interface PrivateVideoSourcePage {
  data: PrivateVideoSource[];
  pagination: ApiPagination;
}

/** Options of one client call. */
export interface ApiRequestOptions {
  /**
   * Stops the call (its requests, retries and waits), e.g. `request.signal` when the browser went away.
   * The call then rejects with `signal.reason`, as `fetch` does, not with an `ApiVideoError`.
   */
  signal?: AbortSignal | null | undefined;
}

/** What `createApiVideoClient` returns. */
export interface ApiVideoClient {
  /** The API origin requests go to. */
  readonly baseUrl: string;
  /** `GET /videos/{videoId}`. Each call mints a new private token for a private video. */
  getVideo(videoId: string, options?: ApiRequestOptions): Promise<ApiVideo>;
  /** `GET /live-streams/{liveStreamId}`. Each call mints a new private token for a private live stream. */
  getLiveStream(liveStreamId: string, options?: ApiRequestOptions): Promise<ApiLiveStream>;
  /** A fresh private token of a video, with what the browser needs to play it. */
  getPrivateVideoSource(videoId: string, options?: ApiRequestOptions): Promise<PrivateVideoSource>;
  /** A fresh private token of a live stream, with what the browser needs to play it. */
  getPrivateLiveStreamSource(liveStreamId: string, options?: ApiRequestOptions): Promise<PrivateVideoSource>;
  /**
   * `GET /videos?currentPage=&pageSize=…`: one page of the workspace's videos. Each call mints a new private
   * token for every private video of the page: ask for the page the viewer will see, not for all of them.
   * @throws ApiVideoError `bad-request` for an invalid query, before any request.
   */
  listVideos(query?: ListVideosQuery, options?: ApiRequestOptions): Promise<ApiVideoPage>;
  /** `listVideos`, each video read as `getPrivateVideoSource` reads it: one call for a page of thumbnails. */
  listPrivateVideoSources(
    query?: ListVideosQuery,
    options?: ApiRequestOptions,
  ): Promise<PrivateVideoSourcePage>;
}

const defaultRetry: ApiRetryOptions = { retries: 2, baseDelay: 300, maxDelay: 5_000, maxRetryAfter: 10_000 };

// The id becomes a path segment: anything outside the API's alphabet could reach another endpoint.
const idPattern = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * A small api.video API client for servers: authenticates with the API key (bearer tokens, refreshed
 * before expiry and on 401, single-flight), retries 429 / 5xx / network failures a bounded number of
 * times, and reports every failure as an `ApiVideoError` with a stable `code`.
 */
export function createApiVideoClient(options: ApiVideoClientOptions): ApiVideoClient {
  const apiKey = options?.apiKey;
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new TypeError(
      'createApiVideoClient needs { apiKey }: your api.video API key, read on the server from the ' +
        'environment (e.g. process.env.APIVIDEO_API_KEY).',
    );
  }
  const http: HttpContext = {
    baseUrl: toBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL),
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    now: options.now ?? Date.now,
    sleep: options.sleep ?? wait,
    random: options.random ?? Math.random,
    timeout: toDuration(options.timeout, 10_000),
    retry: { ...defaultRetry, ...validRetryFields(options.retry) },
  };
  // Not a number from 0 up (`NaN` from an unset environment variable, or negative) is the default, as for the
  // retry fields: a `NaN` margin never renewed the token early, and every caller waited on an expired one.
  const refreshMargin = options.refreshMargin! >= 0 ? options.refreshMargin! : 60_000;
  const tokens = new AccessTokens(http, apiKey, refreshMargin);

  async function getObject(
    path: string,
    what: string,
    callerSignal: AbortSignal | null | undefined,
  ): Promise<Record<string, unknown>> {
    callerSignal?.throwIfAborted();
    const { signal, unlink } = linkSignal(callerSignal);
    const send = (accessToken: string) =>
      sendWithRetry(
        http,
        path,
        { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } },
        signal,
      );
    try {
      const accessToken = await tokens.get(signal);
      let response = await send(accessToken);
      if (response.status === 401) {
        // Revoked or expired early (clock skew): one new token, then a 401 is the key's fault.
        await discard(response);
        response = await send(await tokens.replace(accessToken, signal));
      }
      if (!response.ok) throw await toStatusError(response, path, what);
      return await readJsonObject(response, path, signal);
    } finally {
      unlink();
    }
  }

  async function getVideo(videoId: string, options?: ApiRequestOptions): Promise<ApiVideo> {
    const path = `/videos/${checkId(videoId, 'videoId')}`;
    const body = await getObject(path, `video ${JSON.stringify(videoId)}`, options?.signal);
    if (body.videoId !== videoId) throw missingId(path, 'videoId', videoId);
    return body as ApiVideo;
  }

  async function getLiveStream(liveStreamId: string, options?: ApiRequestOptions): Promise<ApiLiveStream> {
    const path = `/live-streams/${checkId(liveStreamId, 'liveStreamId')}`;
    const body = await getObject(path, `live stream ${JSON.stringify(liveStreamId)}`, options?.signal);
    if (body.liveStreamId !== liveStreamId) throw missingId(path, 'liveStreamId', liveStreamId);
    return body as ApiLiveStream;
  }

  async function getVideoPage(path: string, signal: AbortSignal | null | undefined): Promise<ApiVideoPage> {
    return toVideoPage(await getObject(path, 'video list', signal), path);
  }

  async function listVideos(query?: ListVideosQuery, options?: ApiRequestOptions): Promise<ApiVideoPage> {
    return getVideoPage(`/videos${toListQuery(query)}`, options?.signal);
  }

  async function listPrivateVideoSources(
    query?: ListVideosQuery,
    options?: ApiRequestOptions,
  ): Promise<PrivateVideoSourcePage> {
    const path = `/videos${toListQuery(query)}`;
    const { data, pagination } = await getVideoPage(path, options?.signal);
    return {
      data: data.map((video) => withPath(video, path, `video ${JSON.stringify(video.videoId)} of ${path}`)),
      pagination,
    };
  }

  return {
    baseUrl: http.baseUrl,
    getVideo,
    getLiveStream,
    getPrivateVideoSource: async (videoId, options) =>
      withPath(await getVideo(videoId, options), `/videos/${videoId}`),
    getPrivateLiveStreamSource: async (liveStreamId, options) =>
      withPath(await getLiveStream(liveStreamId, options), `/live-streams/${liveStreamId}`),
    listVideos,
    listPrivateVideoSources,
  };
}

/** `toPrivateVideoSource`, its errors naming `path` (the request that returned `object`), or `where`. */
function withPath(object: ApiVideo | ApiLiveStream, path: string, where = path): PrivateVideoSource {
  try {
    return toPrivateVideoSource(object);
  } catch (error) {
    if (error instanceof ApiVideoError) {
      throw new ApiVideoError(error.code, `${error.message} (${where})`, {
        status: error.status,
        path,
        cause: error,
      });
    }
    throw error;
  }
}

function checkId(id: string, name: string): string {
  if (typeof id !== 'string' || !idPattern.test(id)) {
    throw new ApiVideoError(
      'bad-request',
      `Invalid ${name} ${JSON.stringify(id)}: expected an api.video id such as "vi4blUQJFrYWbaG44NChkH27".`,
    );
  }
  return id;
}

// Another id than the one asked for is refused too: `authorize` allowed that one, not whatever came back.
function missingId(path: string, field: string, id: string): ApiVideoError {
  return new ApiVideoError(
    'malformed-response',
    `The answer of ${path} has no "${field}": ${JSON.stringify(id)}.`,
    {
      status: 200,
      path,
    },
  );
}

function toBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(
      `Invalid baseUrl ${JSON.stringify(baseUrl)}: expected an origin such as ${DEFAULT_BASE_URL}.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`Invalid baseUrl ${JSON.stringify(baseUrl)}: expected http(s).`);
  }
  // A path prefix is allowed (a proxy); a trailing slash would double up with the endpoint paths.
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
