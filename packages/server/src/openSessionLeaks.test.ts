import { describe, expect, it } from 'vitest';
import { openSession } from './openSession.js';
import { videoObject } from './test-utils/fakeApi.js';

/** The token was minted on the server a moment ago: a session request that failed may have left it unspent. */
const fresh = 'server-minted-unspent-token';

/** Every string reachable from an error (its own properties, `cause` included): what a logger could print. */
function reachableStrings(value: unknown, seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null || seen.has(value)) return [];
  seen.add(value);
  const keys = [...Object.getOwnPropertyNames(value), 'cause'];
  return keys.flatMap((key) => reachableStrings((value as Record<string, unknown>)[key], seen));
}

describe('openSession: no unspent private token in its errors (a server logs them)', () => {
  it.each([
    ['the delivery answers 503', async () => new Response('', { status: 503 })],
    ['the delivery answers 403', async () => new Response('', { status: 403 })],
    [
      "Deno's fetch fails, naming the URL",
      async (input: RequestInfo | URL): Promise<Response> => {
        throw new TypeError(`error sending request for url (${String(input)}): client error (Connect)`);
      },
    ],
  ])('%s', async (_name, fetch) => {
    const error = await openSession(videoObject('viPrivate', false, fresh), {
      fetch,
      retry: { retries: 0 },
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'PrivateVideoError' });
    expect(reachableStrings(error).filter((text) => text.includes(fresh))).toEqual([]);
  });
});
