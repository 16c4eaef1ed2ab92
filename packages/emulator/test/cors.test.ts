import { describe, expect, it, vi } from 'vitest';
import type { EmulatorOptions } from '../src/emulatorOptions.js';
import { isLoopbackOrigin } from '../src/http/cors.js';
import { parseCliArgs } from '../src/parseCliArgs.js';
import type { Emulator } from '../src/startEmulator.js';
import { emulatorForTest, rawRequest } from './helpers.js';

const LOOPBACK = [
  'http://localhost:5173',
  'http://127.0.0.1:6006',
  'http://[::1]:3000',
  'https://app.localhost',
];
const UNTRUSTED = [
  'https://evil.example',
  'http://localhost.evil.example',
  'http://127.0.0.1.evil.example',
  'null',
  'http://localhost:5173/path',
];

const withOrigin = (origin: string | undefined, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: {
    ...(init.headers as Record<string, string>),
    ...(origin === undefined ? {} : { Origin: origin }),
  },
});

/** A fresh access token of the API. */
async function accessToken(emulator: Emulator): Promise<string> {
  const login = await fetch(`${emulator.url}/auth/api-key`, {
    method: 'POST',
    body: JSON.stringify({ apiKey: 'emulator-api-key' }),
  });
  return ((await login.json()) as { access_token: string }).access_token;
}

/** A `GET /videos` with a fresh access token, sent from a page of `origin` (none: from Node). */
async function listVideos(emulator: Emulator, origin?: string) {
  const token = await accessToken(emulator);
  const response = await fetch(
    `${emulator.url}/videos`,
    withOrigin(origin, { headers: { Authorization: `Bearer ${token}` } }),
  );
  await response.arrayBuffer();
  return {
    status: response.status,
    allowOrigin: allowOrigin(response),
    vary: response.headers.get('vary'),
    expose: response.headers.get('access-control-expose-headers'),
  };
}

/** A "simple" cross-origin POST: no preflight in a browser, so only the emulator can stop it. */
const addFault = (emulator: Emulator, origin?: string) =>
  fetch(
    `${emulator.url}/__emulator/faults`,
    withOrigin(origin, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify({ match: { kind: 'mp4' }, status: 503 }),
    }),
  );

const preflight = (url: string, origin: string) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type',
    },
  });

const allowOrigin = (response: Response) => response.headers.get('access-control-allow-origin');

describe('CORS: delivery is readable from every origin', () => {
  it('answers every origin with *, preflights included', async () => {
    const emulator = await emulatorForTest({ control: true });
    const { urls } = emulator.mintToken('viPrivateTs');
    for (const origin of [...UNTRUSTED, LOOPBACK[0] as string]) {
      const thumbnail = await fetch(`${emulator.url}/vod/viPublicTs/thumbnail.jpg`, withOrigin(origin));
      expect(thumbnail.status, origin).toBe(200);
      expect(allowOrigin(thumbnail), origin).toBe('*');
      expect(thumbnail.headers.get('vary'), origin).toBeNull();
      await thumbnail.arrayBuffer();
      const options = await preflight(urls.session, origin);
      expect(options.status, origin).toBe(204);
      expect(allowOrigin(options), origin).toBe('*');
    }
    const session = await fetch(urls.session, withOrigin('https://evil.example'));
    expect(session.status).toBe(200);
    expect(allowOrigin(session)).toBe('*');
    await session.arrayBuffer();
  });

  it('answers live delivery and paths that match no route with * too', async () => {
    const emulator = await emulatorForTest();
    for (const path of ['/liPublicLive/thumbnail.jpg', '/nope']) {
      const response = await fetch(`${emulator.url}${path}`, withOrigin('https://evil.example'));
      expect(allowOrigin(response), path).toBe('*');
      expect(response.headers.get('vary'), path).toBeNull();
      await response.arrayBuffer();
    }
  });
});

describe('CORS: loopback pages', () => {
  it('are those of localhost, its subdomains, 127.0.0.0/8 and [::1], over http(s)', () => {
    for (const origin of [
      'http://localhost',
      'https://a.b.localhost:8443',
      'http://127.0.0.2:8080',
      'http://127.255.255.254',
      'http://[::1]:3000',
    ]) {
      expect(isLoopbackOrigin(origin), origin).toBe(true);
    }
    for (const origin of [
      'http://evillocalhost',
      'http://notlocalhost:5173',
      'http://128.0.0.1',
      'ws://localhost:5173',
      'http://LOCALHOST:5173',
    ]) {
      expect(isLoopbackOrigin(origin), origin).toBe(false);
    }
  });
});

describe('CORS: the API and the control API answer loopback pages only, by default', () => {
  it('echoes a loopback Origin with Vary: Origin, on the API and the control API', async () => {
    const emulator = await emulatorForTest({ control: true });
    for (const origin of LOOPBACK) {
      expect(await listVideos(emulator, origin), origin).toEqual({
        status: 200,
        allowOrigin: origin,
        vary: 'Origin',
        expose: expect.stringContaining('X-Emulator-Rule'),
      });

      const log = await fetch(`${emulator.url}/__emulator/log`, withOrigin(origin));
      expect(log.status, origin).toBe(200);
      expect(allowOrigin(log), origin).toBe(origin);
      expect(log.headers.get('vary'), origin).toBe('Origin');
      await log.arrayBuffer();

      for (const path of ['/auth/api-key', '/__emulator/faults']) {
        const options = await preflight(`${emulator.url}${path}`, origin);
        expect(options.status, `${origin} ${path}`).toBe(204);
        expect(allowOrigin(options), `${origin} ${path}`).toBe(origin);
        expect(options.headers.get('access-control-allow-methods'), `${origin} ${path}`).toContain('POST');
        expect(options.headers.get('vary'), `${origin} ${path}`).toBe('Origin');
      }
    }
    const added = await addFault(emulator, 'http://127.0.0.1:6006');
    expect(added.status).toBe(201);
    expect(emulator.faults()).toHaveLength(1);
  });

  it('gives an untrusted Origin no Access-Control-Allow-Origin on the API', async () => {
    const emulator = await emulatorForTest({ control: true });
    for (const origin of UNTRUSTED) {
      // Answered (a browser would still send it), but without the header that lets the page read it.
      expect(await listVideos(emulator, origin), origin).toEqual({
        status: 200,
        allowOrigin: null,
        vary: 'Origin',
        expose: null,
      });

      const login = await fetch(
        `${emulator.url}/auth/api-key`,
        withOrigin(origin, { method: 'POST', body: JSON.stringify({ apiKey: 'emulator-api-key' }) }),
      );
      expect(allowOrigin(login), origin).toBeNull();
      await login.arrayBuffer();

      const options = await preflight(`${emulator.url}/auth/api-key`, origin);
      expect(options.status, origin).toBe(204);
      expect(allowOrigin(options), origin).toBeNull();
    }
  });

  it('refuses a control request of an untrusted Origin with a 403, before it acts', async () => {
    const emulator = await emulatorForTest({ control: true });
    await (await fetch(`${emulator.url}/vod/viPublicTs/thumbnail.jpg`)).arrayBuffer();
    for (const origin of UNTRUSTED) {
      const added = await addFault(emulator, origin);
      expect(added.status, origin).toBe(403);
      expect(allowOrigin(added), origin).toBeNull();
      expect(added.headers.get('content-type'), origin).toBe('application/json');
      expect(added.headers.get('x-emulator-rule'), origin).toBe('untrusted-origin');
      expect(await added.json(), origin).toEqual({
        error: `origin ${JSON.stringify(origin)} is not trusted: the control API answers loopback pages and the corsOrigins only`,
      });
      for (const [method, path] of [
        ['GET', '/log'],
        ['POST', '/reset'],
        ['DELETE', '/log'],
        ['PUT', '/latency'],
        ['GET', '/nope'],
        ['OPTIONS', '/faults'],
      ] as const) {
        const response = await fetch(`${emulator.url}/__emulator${path}`, withOrigin(origin, { method }));
        expect(response.status, `${origin} ${method} ${path}`).toBe(403);
        expect(allowOrigin(response), `${origin} ${method} ${path}`).toBeNull();
        await response.arrayBuffer();
      }
    }
    // Nothing happened: no fault, the log as it was (not even cleared); the refusals are not logged, as no
    // control request is.
    expect(emulator.faults()).toEqual([]);
    expect(emulator.log().map((entry) => entry.rule)).toEqual(['public']);
    const reset = await fetch(
      `${emulator.url}/__emulator/reset`,
      withOrigin('https://evil.example', { method: 'POST' }),
    );
    expect(reset.status).toBe(403);
    expect(emulator.log()).toHaveLength(1);
  });

  it("keeps the API's CORS headers on the bare 500 of an unexpected failure", async () => {
    const emulator = await emulatorForTest({ onError: () => {} });
    const token = await accessToken(emulator);
    vi.spyOn(emulator.catalog, 'findVideo').mockImplementation(() => {
      throw new Error('a bug in a route');
    });
    for (const [origin, allowed] of [
      ['http://localhost:5173', 'http://localhost:5173'],
      ['https://evil.example', null],
    ] as const) {
      const response = await fetch(
        `${emulator.url}/videos/viPublicTs`,
        withOrigin(origin, { headers: { Authorization: `Bearer ${token}` } }),
      );
      expect(response.status, origin).toBe(500);
      expect(allowOrigin(response), origin).toBe(allowed);
      expect(response.headers.get('vary'), origin).toBe('Origin');
      await response.arrayBuffer();
    }
  });

  it('works as before for requests without an Origin (Node, curl, the server package)', async () => {
    const emulator = await emulatorForTest({ control: true });
    expect(await listVideos(emulator)).toEqual({
      status: 200,
      allowOrigin: null,
      vary: 'Origin',
      expose: null,
    });
    expect((await addFault(emulator)).status).toBe(201);
    expect(emulator.faults()).toHaveLength(1);
    const raw = await rawRequest(emulator.url, '/__emulator/reset', { method: 'POST' });
    expect(raw.status).toBe(204);
    expect(emulator.faults()).toEqual([]);
  });
});

describe('CORS: corsOrigins', () => {
  it('trusts the origins listed, exactly, besides loopback ones', async () => {
    const emulator = await emulatorForTest({ control: true, corsOrigins: ['http://app.test:3000'] });
    expect(await listVideos(emulator, 'http://app.test:3000')).toMatchObject({
      allowOrigin: 'http://app.test:3000',
      vary: 'Origin',
    });
    expect((await listVideos(emulator, 'http://localhost:5173')).allowOrigin).toBe('http://localhost:5173');
    for (const origin of [
      'https://app.test:3000',
      'http://app.test',
      'http://app.test:3001',
      'https://evil.example',
    ]) {
      expect((await listVideos(emulator, origin)).allowOrigin, origin).toBeNull();
      const refused = await addFault(emulator, origin);
      expect(refused.status, origin).toBe(403);
      await refused.arrayBuffer();
    }
    const added = await addFault(emulator, 'http://app.test:3000');
    expect(added.status).toBe(201);
    expect(allowOrigin(added)).toBe('http://app.test:3000');
    expect(emulator.faults()).toHaveLength(1);
  });

  it('normalises the origins given: case, default port, trailing slash', async () => {
    const emulator = await emulatorForTest({ corsOrigins: ['HTTPS://App.Test:443/'] });
    expect((await listVideos(emulator, 'https://app.test')).allowOrigin).toBe('https://app.test');
  });

  it("['*'] trusts every origin, as before", async () => {
    const emulator = await emulatorForTest({ control: true, corsOrigins: ['*'] });
    for (const origin of UNTRUSTED) {
      expect((await listVideos(emulator, origin)).allowOrigin, origin).toBe(origin);
    }
    const added = await addFault(emulator, 'https://evil.example');
    expect(added.status).toBe(201);
    expect(allowOrigin(added)).toBe('https://evil.example');
    expect(emulator.faults()).toHaveLength(1);
  });

  it('refuses what is not an http(s) origin or *, with what it accepts', async () => {
    for (const [corsOrigins, message] of [
      ['http://app.test:3000', 'corsOrigins must be an array of origins, got "http://app.test:3000"'],
      ...[
        'app.test:3000',
        'ftp://app.test',
        'http://app.test/path',
        'http://app.test?x',
        'http://app.test#a',
        'http://*.app.test',
        'http://u:p@app.test',
        'http://:p@app.test',
        '',
        42,
      ].map((entry) => [
        ['http://ok.test', entry],
        `corsOrigins[1] must be an http(s) origin such as http://app.test:3000, without path, query or fragment, or "*"; got ${JSON.stringify(entry)}`,
      ]),
    ] as [unknown, string][]) {
      const error = await emulatorForTest({ corsOrigins } as EmulatorOptions).then(
        () => new Error('started'),
        (reason: unknown) => reason as Error,
      );
      expect(error, JSON.stringify(corsOrigins)).toBeInstanceOf(RangeError);
      expect(error.message).toBe(message);
    }
  });

  it('is the CLI flag --cors-origin, repeatable, * included', () => {
    expect(parseCliArgs([])).not.toHaveProperty('options.corsOrigins');
    expect(parseCliArgs(['--cors-origin', 'http://app.test:3000'])).toMatchObject({
      options: { corsOrigins: ['http://app.test:3000'] },
    });
    expect(
      parseCliArgs([
        '--cors-origin',
        'http://app.test:3000',
        '--cors-origin=HTTPS://Other.test/',
        '--cors-origin',
        '*',
      ]),
    ).toMatchObject({ options: { corsOrigins: ['http://app.test:3000', 'https://other.test', '*'] } });
    for (const value of ['app.test', 'http://app.test/x', 'http://*.app.test', 'ftp://app.test', '', '-1']) {
      expect(() => parseCliArgs(['--cors-origin', value]), value).toThrow(
        new Error(
          `--cors-origin expects an http(s) origin such as http://app.test:3000, without path, query or fragment, or '*'; got "${value}"`,
        ),
      );
    }
    expect(() => parseCliArgs(['--cors-origin'])).toThrow(/--cors-origin/);
  });
});
