import type { PrivateVideoError } from '../errors/PrivateVideoError.js';

/**
 * Whether `error` is a private token found spent by the retry of an attempt that got no answer: the delivery may
 * have spent it on that attempt (`requestSession` gives such a `token-used` the failed attempt as its `cause`).
 * Not another's use, then, but ours: a fresh token is the way on.
 */
export const isTokenLost = (error: PrivateVideoError | undefined): boolean =>
  error?.code === 'token-used' && !!error.cause;
