import { PrivateVideoError, type PrivateVideoErrorCode } from '../errors/PrivateVideoError.js';
import { toAssetBase } from '../source/assetUrls.js';
import type { VideoRef } from '../source/VideoRef.js';
import { abortable } from './abortable.js';
import { isSessionToken } from './isSessionToken.js';

/** How `/session` requests are retried: `{ retries: 2, baseDelay: 300, maxDelay: 5000 }` by default. */
export interface RetryOptions {
  /** Extra attempts after a network failure, 429 or 5xx. 404 and 403 are never retried. */
  retries: number;
  /** First backoff delay in ms; doubles each attempt, with jitter. */
  baseDelay: number;
  maxDelay: number;
}

export interface RequestSessionContext {
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  retry: RetryOptions;
  /** Per-attempt limit in ms: a slower attempt (answer or body) fails as `network`, and may be retried. */
  timeout: number;
}

/**
 * One `GET …/session` of a private video, retried only where a retry can help, answered by the session
 * token or a typed error. The response is validated: the delivery promises `{"session_token": "…"}`
 * and nothing else counts.
 */
export async function requestSession(ref: VideoRef, context: RequestSessionContext): Promise<string> {
  let failed: unknown;
  for (let attempt = 0; ; attempt++) {
    try {
      return await attemptOnce(ref, context, failed);
    } catch (error) {
      failed = error;
      const { code, status = 0 } = error as PrivateVideoError;
      const retryable = code === 'network' || status === 429 || status >= 500;
      // `retries` is a number from 0 up (the client's default replaced any other).
      if (!retryable || attempt >= context.retry.retries) throw error;
    }
    await context.sleep(backoffDelay(attempt, context.retry, context.random));
  }
}

/** Exponential backoff with "equal jitter": never zero, never in lock-step with other clients. */
export function backoffDelay(attempt: number, retry: RetryOptions, random: () => number): number {
  const ceiling = Math.min(retry.maxDelay, retry.baseDelay * 2 ** attempt);
  return ceiling / 2 + (ceiling / 2) * random();
}

/**
 * One attempt. A 404 after a failed attempt has that failure as its `cause`: the delivery may have spent the
 * token on it (a timed-out answer, a 5xx after the session opened), so the token is lost, not another's.
 */
async function attemptOnce(
  ref: VideoRef,
  { fetch: fetchImpl, timeout }: RequestSessionContext,
  failed: unknown,
): Promise<string> {
  // `toSessionUrl` of a private video: a public one, which has no session, never gets here.
  const url = `${toAssetBase(ref)}/session`;
  let status: number | undefined;
  // No `url`: it names the private token, which a failed request may have left unspent (a credential).
  const fail = (code: PrivateVideoErrorCode, reason: string, cause?: unknown) =>
    new PrivateVideoError(code, `The session request of ${ref.videoId} failed: ${reason}.`, {
      status,
      cause,
    });
  let response: Response;
  let body = '';
  try {
    // A stalled request would otherwise leave the session opening for good (browsers set no limit).
    // Browsers from before `AbortSignal.timeout` (2022) keep waiting as before, rather than failing.
    const signal = AbortSignal.timeout?.(timeout);
    // Raced as well as passed: an app's own `fetch` may not honour the signal.
    response = await abortable(fetchImpl(url, { credentials: 'omit', cache: 'no-store', signal }), signal);
    status = response.status;
    // Read here, within the timeout: a body cut off is no answer, rather than a wrong one.
    if (status === 200) body = await abortable(response.text(), signal);
  } catch (cause) {
    // Only its text, unless that names the URL (Deno's, node-fetch's do): fetches keep the URL elsewhere too
    // (Bun's in a property, others deeper), and the token on its path may be unspent, a credential.
    throw fail(
      'network',
      `the delivery could not be reached (${String(cause).includes(url) ? 'no answer' : cause})`,
    );
  }
  if (status !== 200) {
    await response.body?.cancel().catch(() => {});
    throw status === 404
      ? fail('token-used', 'its single-use private token was already used or does not exist (404)', failed)
      : status === 401 || status === 403
        ? fail('forbidden', `the delivery refused it (${status}): check the video's domain restrictions`)
        : fail('server', `the delivery answered ${status}`);
  }
  let token: unknown;
  let cause: unknown;
  try {
    token = (JSON.parse(body) as { session_token?: unknown } | null)?.session_token;
  } catch (error) {
    cause = error; // not JSON: kept as the cause of the same failure
  }
  if (!isSessionToken(token))
    throw fail('malformed-response', 'the delivery sent no {"session_token": "…"}', cause);
  return token;
}
