import { PrivateVideoError } from './PrivateVideoError.js';

/**
 * The `invalid-source` error of an input that cannot be used, in one shape: what is wrong, then what was
 * expected (`Invalid videoId "": expected …`).
 */
export function invalidSource(what: string, expected: string): PrivateVideoError {
  return new PrivateVideoError('invalid-source', `Invalid ${what}: expected ${expected}.`);
}
