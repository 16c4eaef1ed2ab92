import { PrivateVideoError, type PrivateVideoErrorCode } from '../errors/PrivateVideoError.js';
import type { VideoRef } from '../source/VideoRef.js';

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
}

const sessionTokenPattern = /^[\x21-\x7e]{1,1024}$/;

/**
 * One `GET …/session`, retried only where a retry can help, answered by the session token or a typed
 * error. The response is validated: the delivery promises `{"session_token": "…"}` and nothing else counts.
 */
export async function requestSession(
  url: string,
  ref: VideoRef,
  context: RequestSessionContext,
): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    let failure: PrivateVideoError;
    try {
      return await attemptOnce(url, ref, context.fetch);
    } catch (error) {
      failure = error as PrivateVideoError;
    }
    const retryable =
      failure.code === 'network' || (failure.code === 'server' && isRetryableStatus(failure.status));
    if (!retryable || attempt >= context.retry.retries) throw failure;
    await context.sleep(backoffDelay(attempt, context.retry, context.random));
  }
}

/** Exponential backoff with "equal jitter": never zero, never in lock-step with other clients. */
export function backoffDelay(attempt: number, retry: RetryOptions, random: () => number): number {
  const ceiling = Math.min(retry.maxDelay, retry.baseDelay * 2 ** attempt);
  return ceiling / 2 + (ceiling / 2) * random();
}

const isRetryableStatus = (status = 0) => status === 429 || status >= 500;

async function attemptOnce(url: string, ref: VideoRef, fetchImpl: typeof fetch): Promise<string> {
  const id = ref.videoId;
  const fail = (code: PrivateVideoErrorCode, message: string, status?: number, cause?: unknown) =>
    new PrivateVideoError(code, message, { status, url, cause });
  let response: Response;
  try {
    response = await fetchImpl(url, { credentials: 'omit', cache: 'no-store' });
  } catch (cause) {
    throw fail(
      'network',
      `Could not reach the delivery for the session of ${id} (${String(cause)}).`,
      undefined,
      cause,
    );
  }
  const { status } = response;
  if (status !== 200) {
    await response.body?.cancel().catch(() => {});
    if (status === 404) {
      throw fail(
        'token-used',
        `The private token of ${id} was already used or does not exist (/session answered 404): tokens are single-use.`,
        status,
      );
    }
    if (status === 401 || status === 403) {
      throw fail(
        'forbidden',
        `The delivery refused the session of ${id} (${status}): check its domain restrictions.`,
        status,
      );
    }
    throw fail('server', `The delivery answered ${status} to the session request of ${id}.`, status);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (cause) {
    throw fail('malformed-response', `The session response of ${id} is not JSON.`, status, cause);
  }
  const token = (body as { session_token?: unknown } | null)?.session_token;
  if (typeof token !== 'string' || !sessionTokenPattern.test(token)) {
    throw fail('malformed-response', `The session response of ${id} has no "session_token" string.`, status);
  }
  return token;
}
