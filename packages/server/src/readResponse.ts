import { abortable } from '@private-video/core';
import { ApiVideoError } from './ApiVideoError.js';
import { discard } from './sendWithRetry.js';

/**
 * Reads a 2xx answer's JSON object; a body that is not one is `malformed-response`. A body that stops
 * arriving (reset, timeout) is `network`: the API may have answered well, we just did not get it.
 */
export async function readJsonObject(
  response: Response,
  path: string,
  signal?: AbortSignal | undefined,
): Promise<Record<string, unknown>> {
  let text: string;
  try {
    // Raced with the caller's signal: a body that stalls under a `fetch` that does not honour it.
    text = await abortable(response.text(), signal);
  } catch (cause) {
    signal?.throwIfAborted();
    throw new ApiVideoError('network', `The answer of the api.video API to ${path} broke off.`, {
      status: response.status,
      path,
      cause,
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    throw new ApiVideoError(
      'malformed-response',
      `The api.video API answered ${path} with a body that is not JSON.`,
      {
        status: response.status,
        path,
        cause,
      },
    );
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiVideoError(
      'malformed-response',
      `The api.video API answered ${path} with JSON that is not an object.`,
      {
        status: response.status,
        path,
      },
    );
  }
  return body as Record<string, unknown>;
}

/**
 * Turns a non-2xx answer that retries could not help into a typed error. `what` names the resource for
 * the 404 message, e.g. `video "vi123"`.
 */
export async function toStatusError(response: Response, path: string, what: string): Promise<ApiVideoError> {
  await discard(response);
  const { status } = response;
  if (status === 404) {
    return new ApiVideoError('not-found', `No ${what} in this api.video workspace (404 on ${path}).`, {
      status,
      path,
    });
  }
  if (status === 401) {
    return new ApiVideoError(
      'bad-credentials',
      `The api.video API refused the credentials for ${path} (401), also with a new access token.`,
      { status, path },
    );
  }
  if (status === 403) {
    return new ApiVideoError('forbidden', `The api.video API refused access to ${what} (403 on ${path}).`, {
      status,
      path,
    });
  }
  return new ApiVideoError('bad-request', `The api.video API answered ${status} to ${path}.`, {
    status,
    path,
  });
}
