/**
 * Every failure of the api.video API client has one stable `code`, so route handlers can map it to an
 * HTTP answer and apps can branch on it. Messages never contain the API key or a token.
 */
export type ApiVideoErrorCode =
  /** The API key (or the access token obtained with it) was refused: 400 or 401 on `/auth/api-key`. */
  | 'bad-credentials'
  /** The API kept answering 429 after bounded retries; `retryAfter` says when to try again. */
  | 'rate-limited'
  /** No HTTP answer (DNS, refused connection, reset, timeout) after retries, or one that broke off. */
  | 'network'
  /** The API kept answering 5xx after bounded retries. */
  | 'server'
  /** The video or live stream does not exist in this workspace (404). */
  | 'not-found'
  /** The API refused the request (403), e.g. a key without access to this resource. */
  | 'forbidden'
  /** The request itself is invalid: a malformed id, another 4xx answer, or a redirect (never followed). */
  | 'bad-request'
  /** The API answered 2xx, but not with the JSON it documents (or a private video without a token). */
  | 'malformed-response';

/** What an `ApiVideoError` carries besides its code and message. */
export interface ApiVideoErrorOptions {
  /** HTTP status, when the error comes from an HTTP answer. */
  status?: number | undefined;
  /** The API path that failed, e.g. `/videos/vi123` (never a URL with credentials). */
  path?: string | undefined;
  /** Seconds to wait before trying again, from the last 429's `Retry-After` header. */
  retryAfter?: number | undefined;
  cause?: unknown;
}

/** The one error type of the API client: `code` says the cause (see `ApiVideoErrorCode`). */
export class ApiVideoError extends Error {
  override readonly name = 'ApiVideoError';
  readonly code: ApiVideoErrorCode;
  readonly status: number | undefined;
  readonly path: string | undefined;
  /** Seconds (as in the `Retry-After` header); only set for `rate-limited`. */
  readonly retryAfter: number | undefined;

  constructor(code: ApiVideoErrorCode, message: string, options: ApiVideoErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.path = options.path;
    this.retryAfter = options.retryAfter;
  }
}

/** Whether `value` is an `ApiVideoError`, and of `code` when one is given. */
export function isApiVideoError(value: unknown, code?: ApiVideoErrorCode): value is ApiVideoError {
  return value instanceof ApiVideoError && (code === undefined || value.code === code);
}
