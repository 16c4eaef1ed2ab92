import { describe, expect, it } from 'vitest';
import { isPrivateVideoError, PrivateVideoError, toPrivateVideoError } from './PrivateVideoError.js';

describe('PrivateVideoError', () => {
  it('carries a code, the HTTP status, the URL and the cause', () => {
    const cause = new Error('boom');
    const error = new PrivateVideoError('server', 'It failed.', { status: 503, url: 'https://x/y', cause });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'PrivateVideoError',
      code: 'server',
      status: 503,
      url: 'https://x/y',
    });
    expect(error.cause).toBe(cause);
    expect(isPrivateVideoError(error, 'server')).toBe(true);
    expect(isPrivateVideoError(error, 'network')).toBe(false);
    expect(isPrivateVideoError(cause)).toBe(false);
  });

  it('toPrivateVideoError keeps a PrivateVideoError and wraps anything else, saying what was being done', () => {
    const typed = new PrivateVideoError('token-used', 'Spent.');
    expect(toPrivateVideoError(typed, 'media', 'Playing')).toBe(typed);
    const cause = new TypeError('x is not a function');
    const wrapped = toPrivateVideoError(cause, 'media', 'Playing');
    expect(wrapped).toMatchObject({ code: 'media', message: 'Playing: TypeError: x is not a function' });
    expect(wrapped.cause).toBe(cause);
  });

  it.each([
    ['a null-prototype object', Object.create(null) as unknown],
    [
      'an object whose toString throws',
      {
        toString: () => {
          throw new Error('no text');
        },
      },
    ],
  ])('toPrivateVideoError wraps %s too, rather than throw a TypeError of its own', (_case, thrown) => {
    const wrapped = toPrivateVideoError(thrown, 'network', 'The player could not start');
    expect(wrapped).toBeInstanceOf(PrivateVideoError);
    expect(wrapped).toMatchObject({ code: 'network', message: 'The player could not start: object' });
    expect(wrapped.cause).toBe(thrown);
  });
});
