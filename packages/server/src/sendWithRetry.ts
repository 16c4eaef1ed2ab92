import { abortable, backoffDelay } from '@private-video/core';
import { ApiVideoError } from './ApiVideoError.js';
import { parseRetryAfter } from './parseRetryAfter.js';

/** How the API client retries: by default 2 retries, backoff 300 ms up to 5 s, `Retry-After` up to 10 s. */
export interface ApiRetryOptions {
  /** Extra attempts after a network failure, a 429 or a 5xx (default 2). Other answers are never retried. */
  retries: number;
  /** First backoff delay in ms (default 300); doubles each attempt, with jitter. */
  baseDelay: number;
  /** Longest backoff delay in ms (default 5 000). */
  maxDelay: number;
  /**
   * Longest `Retry-After` (in ms, default 10 000) worth waiting for inside one call; a longer one fails
   * at once with `rate-limited`, so a request handler never hangs for minutes.
   */
  maxRetryAfter: number;
}

/** What every API request shares: where it goes and the injectable parts (fetch, clock, waits). */
export interface HttpContext {
  baseUrl: string;
  fetch: typeof fetch;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  /** Per-attempt timeout in ms; a request that takes longer counts as a network failure. */
  timeout: number;
  retry: ApiRetryOptions;
}

/**
 * Sends one API request, retrying only where waiting can help (no answer, 429, 5xx), and returns any
 * other answer for the caller to interpret, but a redirect: never followed, it fails as `bad-request`.
 * Each attempt gets its own timeout. When the caller's `signal` aborts, it rejects at once with the
 * signal's reason, not retried and not wrapped (as `fetch` does).
 */
export async function sendWithRetry(
  context: HttpContext,
  path: string,
  init: RequestInit,
  signal?: AbortSignal | undefined,
): Promise<Response> {
  const { retry } = context;
  const method = init.method ?? 'GET';
  const wait = (ms: number) => abortable(context.sleep(ms, signal), signal);
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted();
    const backoff = backoffDelay(attempt, retry, context.random);
    const timeout = AbortSignal.timeout(context.timeout);
    const attemptSignal = signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
    let response: Response;
    try {
      // Raced with its signal too: an app's own `fetch` may not honour it, and a login that never ends would
      // hold every call that waits for it.
      response = await abortable(
        context.fetch(`${context.baseUrl}${path}`, {
          ...init,
          // Never followed: fetch would send the request again to wherever the answer points, body (the API
          // key, a refresh token) included, even to another origin. `manual` lets us say what happened.
          redirect: 'manual',
          signal: attemptSignal,
        }),
        attemptSignal,
      );
    } catch (cause) {
      signal?.throwIfAborted();
      if (attempt >= retry.retries) {
        throw new ApiVideoError(
          'network',
          `Could not reach the api.video API at ${context.baseUrl} for ${method} ${path}, ` +
            `also after ${retry.retries} retries (${describe(cause)}).`,
          { path, cause },
        );
      }
      await wait(backoff);
      continue;
    }

    const { status } = response;
    if (isRedirect(response)) {
      await discard(response);
      throw redirectError(response, context, method, path);
    }
    if (status === 429) {
      // An HTTP date is on the API's clock: measured from its Date header, our clock's skew does not count.
      const sentAt = Date.parse(response.headers.get('date') ?? '');
      const retryAfter = parseRetryAfter(
        response.headers.get('retry-after'),
        Number.isNaN(sentAt) ? context.now() : sentAt,
      );
      await discard(response);
      const delay = retryAfter === undefined ? backoff : retryAfter * 1000;
      if (attempt >= retry.retries || delay > retry.maxRetryAfter) {
        throw new ApiVideoError(
          'rate-limited',
          `The api.video API rate-limited ${method} ${path} (429)` +
            (retryAfter === undefined ? '' : `; retry after ${retryAfter} s`) +
            '. Cache what you can and spread requests out.',
          { status, path, retryAfter },
        );
      }
      await wait(delay);
      continue;
    }
    if (status >= 500) {
      await discard(response);
      if (attempt >= retry.retries) {
        throw new ApiVideoError(
          'server',
          `The api.video API answered ${status} to ${method} ${path}, also after ${retry.retries} retries.`,
          { status, path },
        );
      }
      await wait(backoff);
      continue;
    }
    return response;
  }
}

/** Frees the connection of an answer whose body we will not read. */
export async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => {});
}

/** A 3xx, or what a fetch that hides redirects (a browser's) gives in `manual` mode. */
function isRedirect(response: Response): boolean {
  return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
}

/** Not retried: a redirect says the same every time, and most often that `baseUrl` is not the API itself. */
function redirectError(
  response: Response,
  context: HttpContext,
  method: string,
  path: string,
): ApiVideoError {
  const status = response.status === 0 ? undefined : response.status;
  const target = originOf(response.headers.get('location'), `${context.baseUrl}${path}`);
  return new ApiVideoError(
    'bad-request',
    `The api.video API answered ${method} ${path} with a redirect` +
      (status === undefined ? '' : ` (${status})`) +
      (target === undefined ? '' : ` to ${target}`) +
      ', which is not followed: it would carry the API key or a token there. Check that baseUrl ' +
      `(${context.baseUrl}) is the API itself.`,
    { status, path },
  );
}

/** Only the origin of where a redirect points: its path and query are none of the logs' business. */
function originOf(location: string | null, base: string): string | undefined {
  if (location === null) return undefined;
  try {
    const { origin } = new URL(location, base);
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause.cause as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' ? `${cause.message}: ${code}` : cause.message;
  }
  return String(cause);
}
