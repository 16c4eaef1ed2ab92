import type { ApiVideoAssets } from '@private-video/core';
import { ApiVideoError } from './ApiVideoError.js';
import type { ApiVideoClient } from './createApiVideoClient.js';
import { jsonResponse } from './jsonResponse.js';
import { readLimitedText, tooLarge } from './readLimitedText.js';
import { toMaxBodySize } from './toMaxBodySize.js';
import type { PrivateVideoSource } from './toPrivateVideoSource.js';

/** A Web-standard request handler: a Next.js route handler, a Hono handler, a Deno/Bun server… */
export type RequestHandler = (request: Request) => Promise<Response>;

/**
 * Decides whether this request may get a private token of this video. Only `true` (or a promise of
 * `true`) allows it; anything else is a 403. Check the user's session cookie, their entitlements…
 */
export type Authorize = (request: Request, videoId: string) => boolean | Promise<boolean>;

/** Options of `createPrivateTokenHandler`. */
export interface PrivateTokenHandlerOptions {
  /** Reads only what it needs: `getPrivateVideoSource` and `getPrivateLiveStreamSource`. */
  client: Pick<ApiVideoClient, 'getPrivateVideoSource' | 'getPrivateLiveStreamSource'>;
  authorize: Authorize;
  /**
   * Called with every failure the response does not detail (upstream errors, a throwing `authorize`):
   * the browser gets a generic message, your logs get the cause.
   */
  onError?: ((error: unknown, request: Request) => void) | undefined;
  /** Largest POST body read for the video id, in bytes (default 16 KiB); a larger one gets 413. */
  maxBodySize?: number | undefined;
}

/** The JSON body of a 200 answer. */
export interface PrivateTokenResponse {
  /** The video id (`vi…`) or live stream id (`li…`). */
  videoId: string;
  /** A fresh one-time private token; `null` for public videos. */
  privateToken: string | null;
  live: boolean;
  public: boolean;
  /**
   * The API's asset URLs for this token (unsigned): `thumbnail`, `hls`, `mp4`, `player`, `iframe`, each present
   * only where the API gave it (JSON has no `undefined`).
   */
  assets: { [Asset in keyof ApiVideoAssets]?: string };
}

/** The `error.code` of the handler's non-200 answers (see the README's table). */
export type PrivateTokenErrorCode =
  | 'invalid-video-id'
  | 'forbidden'
  | 'not-found'
  | 'method-not-allowed'
  | 'payload-too-large'
  | 'upstream-error'
  | 'internal-error'
  /** `toNodeHandler`'s, for TRACE, which a Web `Request` cannot carry. */
  | 'not-implemented';

/** The JSON body of every non-200 answer. */
export interface PrivateTokenErrorResponse {
  error: { code: PrivateTokenErrorCode; message: string };
}

const idPattern = /^[A-Za-z0-9_-]{1,100}$/;
/**
 * A trailing path segment counts as an id only when it looks like one, so `/api/private-token` does not;
 * nor do route words such as `/api/video` or `/live` (api.video ids always have a capital or a digit).
 */
const pathIdPattern = /^(vi|li)(?=[a-z_-]*[A-Z0-9])[A-Za-z0-9_-]{1,98}$/;
const allowedMethods = 'GET, POST';

/**
 * Serves fresh private tokens to the browser, e.g. for the player's `getPrivateToken`. The video id comes
 * from, in order: the `videoId` query parameter, a trailing path segment that looks like an api.video id
 * (`…/private-token/vi4blUQJFrYWbaG44NChkH27`), or a POST body `{"videoId": "…"}`. Ids starting with `li`
 * are live streams. `authorize(request, videoId)` runs before any token is minted.
 */
export function createPrivateTokenHandler(options: PrivateTokenHandlerOptions): RequestHandler {
  const { client, authorize, onError } = options ?? {};
  const maxBodySize = toMaxBodySize(options?.maxBodySize);
  if (typeof authorize !== 'function') {
    throw new TypeError(
      'createPrivateTokenHandler needs authorize(request, videoId): return true only when this request may ' +
        'watch this video (check the user’s session, their purchases…). Use authorize: () => true only for ' +
        'public demos: anyone could then mint tokens of every video of your workspace.',
    );
  }
  if (typeof client?.getPrivateVideoSource !== 'function') {
    throw new TypeError('createPrivateTokenHandler needs { client }: createApiVideoClient({ apiKey }).');
  }
  const report = (error: unknown, request: Request) => {
    try {
      // An async logger's rejection too: unhandled, it would stop Node.
      Promise.resolve(onError?.(error, request)).catch(() => {});
    } catch {
      // A failing logger must not turn an answer into a crash.
    }
  };

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'POST') {
      return errorResponse(405, 'method-not-allowed', `Use GET or POST, not ${request.method}.`, {
        allow: allowedMethods,
      });
    }
    const videoId = await readVideoId(request, maxBodySize);
    if (videoId === tooLarge) {
      return errorResponse(413, 'payload-too-large', 'The request body is too large.');
    }
    if (videoId === undefined || !idPattern.test(videoId)) {
      return errorResponse(
        400,
        'invalid-video-id',
        'Expected an api.video id in ?videoId=, a trailing path segment, or a POST body {"videoId": "…"}.',
      );
    }

    let allowed: unknown;
    try {
      allowed = await authorize(request, videoId);
    } catch (error) {
      report(error, request);
      return errorResponse(500, 'internal-error', 'Could not check access to this video.');
    }
    if (allowed !== true) {
      return errorResponse(403, 'forbidden', 'You may not watch this video.');
    }

    const live = videoId.startsWith('li');
    // A browser that goes away aborts request.signal: the API call then stops, not retrying for nobody.
    const call = { signal: request.signal };
    let source: PrivateVideoSource;
    try {
      source = live
        ? await client.getPrivateLiveStreamSource(videoId, call)
        : await client.getPrivateVideoSource(videoId, call);
    } catch (error) {
      if (error instanceof ApiVideoError && error.code === 'not-found') {
        return errorResponse(404, 'not-found', `No ${live ? 'live stream' : 'video'} ${videoId}.`);
      }
      // A visitor leaving is no failure to log (and nobody reads this answer).
      const left = request.signal.aborted && error === request.signal.reason;
      if (!left) report(error, request);
      return upstreamResponse(error);
    }
    const body: PrivateTokenResponse = {
      videoId: source.videoId,
      privateToken: source.privateToken ?? null,
      live: source.live,
      public: source.public,
      assets: source.assets,
    };
    return jsonResponse(200, body);
  };
}

async function readVideoId(
  request: Request,
  maxBodySize: number,
): Promise<string | undefined | typeof tooLarge> {
  const url = new URL(request.url);
  const fromQuery = url.searchParams.get('videoId');
  if (fromQuery !== null) return fromQuery;
  const last = url.pathname.split('/').filter(Boolean).pop();
  if (last !== undefined && pathIdPattern.test(last)) return last;
  if (request.method !== 'POST') return undefined;
  try {
    const text = await readLimitedText(request, maxBodySize);
    if (text === tooLarge) return tooLarge;
    const body: unknown = JSON.parse(text);
    const id =
      typeof body === 'object' && body !== null ? (body as { videoId?: unknown }).videoId : undefined;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** What went wrong upstream is for the server's logs (`onError`); the browser learns only the kind. */
function upstreamResponse(error: unknown): Response {
  if (!(error instanceof ApiVideoError)) {
    return errorResponse(500, 'internal-error', 'Could not get a private token.');
  }
  const retryAfter = error.code === 'rate-limited' ? error.retryAfter : undefined;
  return errorResponse(
    502,
    'upstream-error',
    `Could not get a private token from api.video (${error.code}).`,
    retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) },
  );
}

function errorResponse(
  status: number,
  code: PrivateTokenErrorCode,
  message: string,
  headers: Record<string, string> = {},
): Response {
  const body: PrivateTokenErrorResponse = { error: { code, message } };
  return jsonResponse(status, body, headers);
}
