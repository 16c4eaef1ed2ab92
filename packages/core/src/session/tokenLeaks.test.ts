import { json, reachableStrings } from '@private-video/test-utils';
import { describe, expect, it } from 'vitest';
import { toVideoRef } from '../source/toVideoRef.js';
import { setupOneTryClient } from '../test-utils/setupOneTryClient.js';

/**
 * A private token nobody has spent yet is a credential (it opens the one session): no error may carry it,
 * in its message, `url` or `cause`.
 */
const fresh = 'fresh-unspent-token-0000';

const setup = setupOneTryClient;

const leaks = (error: unknown, secret: string) =>
  reachableStrings(error).filter((text) => text.includes(secret));

describe('no unspent private token in session errors', () => {
  it.each([
    ['a 503', () => new Response('', { status: 503 })],
    ['a 403', () => new Response('', { status: 403 })],
    ['no answer', () => new TypeError('Failed to fetch')],
    ['a body that is not JSON', () => new Response('<html>', { status: 200 })],
    // Deno's fetch (and node-fetch) name the URL in their errors.
    [
      'no answer, told by a fetch that names the URL',
      () =>
        new TypeError(
          `error sending request for url (https://vod.api.video/vod/vi1/token/${fresh}/session): client error (Connect)`,
        ),
    ],
    // Bun's names it in a property of its own.
    [
      'no answer, told by a fetch that names the URL in a property',
      () =>
        Object.assign(new Error('Unable to connect. Is the computer able to access the url?'), {
          name: 'ConnectionRefused',
          code: 'ConnectionRefused',
          path: `https://vod.api.video/vod/vi1/token/${fresh}/session`,
        }),
    ],
  ])('the /session request of a token that %s left unspent', async (_name, answer) => {
    const { client, delivery } = setup();
    delivery.answer(answer());
    const error = await client.getSession({ videoId: 'vi1', privateToken: fresh }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'PrivateVideoError' });
    expect(leaks(error, fresh)).toEqual([]);
  });

  it('the /session request of a renewal token getPrivateToken just gave', async () => {
    const { client, delivery } = setup();
    const video = client.video({ videoId: 'vi1', privateToken: 'pt1' });
    await video.open();
    delivery.answer(json({}, 502));
    const error = await video.renew({ getPrivateToken: () => fresh }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'server' });
    expect(leaks(error, fresh)).toEqual([]);
  });
});

describe('no private token in the errors of sources that cannot be read', () => {
  it.each([
    `https://vod.api.video/video/vi1/token/${fresh}/mp4/source.mp4`,
    `https://vod.api.video/vod/vi1/token/${fresh}/%E0`,
    `https://embed.api.video/?token=${fresh}`,
    `ftp://vod.api.video/vod/vi1/token/${fresh}/mp4/source.mp4`,
  ])('%s', (source) => {
    const error = (() => {
      try {
        toVideoRef(source);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toMatchObject({ code: 'invalid-source' });
    expect(leaks(error, fresh)).toEqual([]);
  });

  it('a token given with the whitespace of a text answer', () => {
    const error = (() => {
      try {
        toVideoRef({ videoId: 'vi1', privateToken: `${fresh}\n` });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toMatchObject({ code: 'invalid-source' });
    expect(leaks(error, fresh)).toEqual([]);
  });
});
