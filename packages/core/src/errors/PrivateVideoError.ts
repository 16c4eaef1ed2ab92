/**
 * Every failure this library reports has one stable `code`, so apps can branch on it and show a message
 * per cause. Messages are written for the developer reading the console.
 */
export type PrivateVideoErrorCode =
  /** The input could not be understood as an api.video video (bad URL, id, token or object). */
  | 'invalid-source'
  /** `/session` answered 404: the private token was already used, or never existed. Never retried. */
  | 'token-used'
  /** The delivery answered 401 or 403, e.g. a referrer or domain restriction. */
  | 'forbidden'
  /** The request never got an HTTP answer (offline, DNS, CORS, connection reset). */
  | 'network'
  /** The delivery kept answering 5xx (or another unexpected status) after bounded retries. */
  | 'server'
  /** The delivery answered, but not with the JSON the protocol promises. */
  | 'malformed-response'
  /** The caller aborted the operation through its `AbortSignal`. */
  | 'aborted'
  /** The session expired (or died) and no `getPrivateToken` was given to open a new one. */
  | 'session-expired'
  /** `getPrivateToken` threw, or returned something that is not a private token. */
  | 'renewal-failed'
  /** No way to play this source here (no MSE, no engine, codecs not supported). */
  | 'unsupported'
  /** The media could not be loaded or decoded, and no fallback remained. */
  | 'media';

/** What a `PrivateVideoError` carries besides its code and message. */
export interface PrivateVideoErrorOptions {
  /** HTTP status, when the error comes from an HTTP answer. */
  status?: number | undefined;
  /** The URL of the request that failed (with any `avh` removed). */
  url?: string | undefined;
  cause?: unknown;
}

/**
 * The one error type of this library: `code` says the cause (see `PrivateVideoErrorCode`), `status` the
 * HTTP status when an answer caused it, `url` the refused asset without its `avh`.
 */
export class PrivateVideoError extends Error {
  override readonly name = 'PrivateVideoError';
  // Declared only: the constructor sets them, in this order, so fields would just define them first.
  declare readonly code: PrivateVideoErrorCode;
  declare readonly status: number | undefined;
  declare readonly url: string | undefined;

  constructor(code: PrivateVideoErrorCode, message: string, options: PrivateVideoErrorOptions = {}) {
    super(message, options); // `Error` takes its `cause` (when the key is there)
    this.code = code;
    this.status = options.status;
    this.url = options.url;
  }
}

/**
 * `error` itself when it is a `PrivateVideoError`; anything else (a bug, a library's own error) becomes
 * one with `code`, a message that says what was being done, and the original as `cause`.
 */
export function toPrivateVideoError(
  error: unknown,
  code: PrivateVideoErrorCode,
  doing: string,
): PrivateVideoError {
  // `instanceof` rather than `isPrivateVideoError`: bundles that never call that then do not carry it.
  if (error instanceof PrivateVideoError) return error;
  let text: string;
  try {
    text = String(error);
  } catch {
    text = typeof error; // no text at all (a null-prototype object), or a `toString` that throws
  }
  return new PrivateVideoError(code, `${doing}: ${text}`, { cause: error });
}

/** Whether `value` is a `PrivateVideoError`, and of `code` when one is given (its type says which then). */
export function isPrivateVideoError<Code extends PrivateVideoErrorCode = PrivateVideoErrorCode>(
  value: unknown,
  code?: Code,
): value is PrivateVideoError & { readonly code: Code } {
  return value instanceof PrivateVideoError && (code === undefined || value.code === code);
}
