import { PrivateVideoError } from '../errors/PrivateVideoError.js';
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
  const { retries } = context.retry;
  for (let attempt = 0; ; attempt++) {
    const outcome = await attemptOnce(url, ref, context.fetch);
    if (typeof outcome === 'string') return outcome;
    if (!outcome.retryable || attempt >= retries) throw outcome.error;
    await context.sleep(backoffDelay(attempt, context.retry, context.random));
  }
}

/** Exponential backoff with "equal jitter": never zero, never in lock-step with other clients. */
export function backoffDelay(attempt: number, retry: RetryOptions, random: () => number): number {
  const ceiling = Math.min(retry.maxDelay, retry.baseDelay * 2 ** attempt);
  return ceiling / 2 + (ceiling / 2) * random();
}

type Failure = { error: PrivateVideoError; retryable: boolean };

async function attemptOnce(url: string, ref: VideoRef, fetchImpl: typeof fetch): Promise<string | Failure> {
  let response: Response;
  try {
    response = await fetchImpl(url, { credentials: 'omit', cache: 'no-store' });
  } catch (cause) {
    const error = new PrivateVideoError(
      'network',
      `Could not reach the delivery for the session of ${ref.videoId} (${describe(cause)}).`,
      { url, cause },
    );
    return { error, retryable: true };
  }
  const { status } = response;
  if (status === 200) return readSessionToken(response, url, ref);
  await response.body?.cancel().catch(() => {});
  if (status === 404) {
    const error = new PrivateVideoError(
      'token-used',
      `The private token of ${ref.videoId} was already used or does not exist (/session answered 404): tokens are single-use.`,
      { status, url },
    );
    return { error, retryable: false };
  }
  if (status === 401 || status === 403) {
    const error = new PrivateVideoError(
      'forbidden',
      `The delivery refused the session of ${ref.videoId} (${status}): check its domain restrictions.`,
      { status, url },
    );
    return { error, retryable: false };
  }
  const retryable = status === 429 || status >= 500;
  const error = new PrivateVideoError(
    'server',
    `The delivery answered ${status} to the session request of ${ref.videoId}.`,
    { status, url },
  );
  return { error, retryable };
}

async function readSessionToken(response: Response, url: string, ref: VideoRef): Promise<string | Failure> {
  let body: unknown;
  try {
    body = await response.json();
  } catch (cause) {
    return { error: malformed(ref, url, 'the body is not JSON', cause), retryable: false };
  }
  const token =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>).session_token : undefined;
  if (typeof token !== 'string' || !sessionTokenPattern.test(token)) {
    return { error: malformed(ref, url, 'it has no "session_token" string'), retryable: false };
  }
  return token;
}

function malformed(ref: VideoRef, url: string, reason: string, cause?: unknown): PrivateVideoError {
  return new PrivateVideoError(
    'malformed-response',
    `The session response of ${ref.videoId} is not {"session_token": "…"}: ${reason}.`,
    { status: 200, url, cause },
  );
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
