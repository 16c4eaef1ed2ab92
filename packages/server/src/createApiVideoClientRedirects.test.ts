import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiVideoClient } from './createApiVideoClient.js';
import { apiVideoFailure } from './test-utils/apiVideoFailure.js';
import { createClock, videoObject } from './test-utils/fakeApi.js';

const apiKey = 'secret-key';

interface Received {
  method: string;
  path: string;
  authorization: string | undefined;
  body: string;
}

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function readBody(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += String(chunk);
  return body;
}

/** A loopback server answering `answer(request)`, and every request it received. */
async function serve(answer: (request: Received) => Answer = () => ({ status: 404 })) {
  const received: Received[] = [];
  const server = createServer(async (request, response) => {
    const seen: Received = {
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      authorization: request.headers.authorization,
      body: await readBody(request),
    };
    received.push(seen);
    const { status, headers = {}, body } = answer(seen);
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(body === undefined ? '' : JSON.stringify(body));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

const tokens = (n: number) => ({
  status: 200,
  body: { access_token: `at-${n}`, refresh_token: `rt-${n}`, token_type: 'Bearer', expires_in: 3600 },
});

describe('createApiVideoClient: redirects are never followed (they would carry credentials elsewhere)', () => {
  it('does not send the API key on to where a 307 on /auth/api-key points', async () => {
    const collector = await serve();
    const api = await serve(() => ({ status: 307, headers: { location: `${collector.origin}/collect` } }));
    const client = createApiVideoClient({ apiKey, baseUrl: api.origin, sleep: async () => {} });
    const error = await apiVideoFailure(client.getVideo('viPrivate'));
    expect(error).toMatchObject({ code: 'bad-request', status: 307, path: '/auth/api-key' });
    expect(error.message).toMatch(/redirect/);
    expect(error.message).toContain(collector.origin);
    expect(error.message).not.toContain(apiKey);
    expect(collector.received).toEqual([]);
    // Not retried: a redirect says the same thing every time.
    expect(api.received.map(({ method, path }) => `${method} ${path}`)).toEqual(['POST /auth/api-key']);
  });

  it('does not send the access token on to where a 308 on a video points', async () => {
    const collector = await serve();
    const api = await serve(({ path }) =>
      path === '/auth/api-key'
        ? tokens(1)
        : { status: 308, headers: { location: `${collector.origin}/collect` } },
    );
    const client = createApiVideoClient({ apiKey, baseUrl: api.origin, sleep: async () => {} });
    const error = await apiVideoFailure(client.getPrivateVideoSource('viPrivate'));
    expect(error).toMatchObject({ code: 'bad-request', status: 308, path: '/videos/viPrivate' });
    expect(collector.received).toEqual([]);
  });

  it('does not send the refresh token on to where a 307 on /auth/refresh points, and falls back to the key', async () => {
    const clock = createClock();
    const collector = await serve();
    let logins = 0;
    const api = await serve(({ path }) => {
      if (path === '/auth/api-key') return tokens(++logins);
      if (path === '/auth/refresh')
        return { status: 307, headers: { location: `${collector.origin}/collect` } };
      return { status: 200, body: videoObject('viPrivate', false, `pt-${logins}`) };
    });
    const client = createApiVideoClient({
      apiKey,
      baseUrl: api.origin,
      now: clock.now,
      sleep: async () => {},
    });
    await client.getVideo('viPrivate');
    clock.advance(3_600_000);
    await expect(client.getVideo('viPrivate')).resolves.toMatchObject({ videoId: 'viPrivate' });
    expect(collector.received).toEqual([]);
    expect(api.received.map(({ method, path }) => `${method} ${path}`)).toEqual([
      'POST /auth/api-key',
      'GET /videos/viPrivate',
      'POST /auth/refresh',
      'POST /auth/api-key',
      'GET /videos/viPrivate',
    ]);
  });
});
