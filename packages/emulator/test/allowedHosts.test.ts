import { once } from 'node:events';
import { Server } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import type { EmulatorOptions } from '../src/emulatorOptions.js';
import { CLI_USAGE, parseCliArgs } from '../src/parseCliArgs.js';
import type { Emulator } from '../src/startEmulator.js';
import { emulatorForTest, type RawResponse, rawRequest } from './helpers.js';

const basic = `Basic ${Buffer.from('emulator-api-key:').toString('base64')}`;

/** Where this process reaches an emulator, whatever `host` or `publicUrl` it was started with. */
const local = (emulator: Emulator) => `http://127.0.0.1:${emulator.port}`;

/** A request to `emulator` carrying `host` as its `Host` header, as a browser sends the name it resolved. */
const withHost = (
  emulator: Emulator,
  host: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
) => rawRequest(local(emulator), path, { ...options, headers: { Host: host, ...options.headers } });

/** The statuses of an API call and a control call made under `host`. */
async function apiAndControl(emulator: Emulator, host: string): Promise<[number, number]> {
  const api = await withHost(emulator, host, '/videos', { headers: { Authorization: basic } });
  const control = await withHost(emulator, host, '/__emulator/latency');
  return [api.status, control.status];
}

const json = (response: RawResponse) => JSON.parse(response.body.toString()) as unknown;

/**
 * The status line of `head` (a request without body, ending the connection) sent as is: node's client would
 * replace an empty `Host` with its own, and always sends one.
 */
async function sentAsIs(emulator: Emulator, head: string): Promise<string> {
  const socket = connect(emulator.port, '127.0.0.1');
  let answer = '';
  socket.on('data', (chunk: Buffer) => {
    answer += chunk.toString('latin1');
  });
  socket.write(`${head}\r\n`);
  await once(socket, 'close');
  return answer.slice(0, answer.indexOf('\r\n'));
}

/** Names of the attacker's whose DNS answer turned to 127.0.0.1, names that only look local, one nobody allowed. */
const REBOUND = [
  'attacker.example',
  'attacker.example:4010',
  'localhost.attacker.example',
  '127.0.0.1.attacker.example',
  'evillocalhost',
  'emulator:4010',
];

/** `Host` headers that name no host: refused too. */
const MALFORMED = [
  ':4010',
  '::1',
  '[::1',
  '[attacker.example]',
  '[1.2.3.4]',
  'attacker.example:80:80',
  'a b',
];

describe('allowedHosts: the API and the control API refuse a Host that is not allowed (DNS rebinding)', () => {
  it('refuses a control request with a 403 untrusted-host, before it acts, preflights included', async () => {
    const emulator = await emulatorForTest({ control: true });
    emulator.addFault({ match: { kind: 'mp4' }, status: 503 });
    for (const host of REBOUND) {
      const added = await withHost(emulator, host, '/__emulator/faults', {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: JSON.stringify({ match: { kind: 'manifest' }, status: 500 }),
      });
      expect(added.status, host).toBe(403);
      expect(added.headers['x-emulator-rule'], host).toBe('untrusted-host');
      expect(added.headers['content-type'], host).toBe('application/json');
      expect(added.headers['access-control-allow-origin'], host).toBeUndefined();
      const name = host.replace(/:\d+$/, '');
      expect(json(added), host).toEqual({
        error: `host ${JSON.stringify(host)} is not allowed: the API and control API answer IP addresses, localhost, the names of host and publicUrl, and allowedHosts only (DNS rebinding protection); to allow it, add ${JSON.stringify(name)} to allowedHosts (--allowed-host ${name})`,
      });
      for (const [method, path] of [
        ['GET', '/log'],
        ['POST', '/reset'],
        ['DELETE', '/faults'],
        ['OPTIONS', '/faults'],
        ['GET', '/nope'],
      ] as const) {
        const response = await withHost(emulator, host, `/__emulator${path}`, { method });
        expect(response.status, `${host} ${method} ${path}`).toBe(403);
        expect(response.headers['x-emulator-rule'], `${host} ${method} ${path}`).toBe('untrusted-host');
      }
    }
    // Nothing happened: the fault is the one added, neither cleared nor reset; control requests are never logged.
    expect(emulator.faults()).toMatchObject([{ match: { kind: 'mp4' }, status: 503 }]);
    expect(emulator.log()).toEqual([]);
  });

  it('refuses an API request with a 403 untrusted-host, logged, before it authenticates or mints', async () => {
    const emulator = await emulatorForTest();
    const login = await withHost(emulator, 'attacker.example:4010', '/auth/api-key', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiKey: 'emulator-api-key' }),
    });
    expect(login.status).toBe(403);
    expect(login.headers['x-emulator-rule']).toBe('untrusted-host');
    expect(json(login)).toMatchObject({ error: expect.stringContaining('--allowed-host attacker.example') });
    for (const [method, path] of [
      ['GET', '/videos'],
      ['GET', '/videos/viPrivateTs'],
      ['GET', '/live-streams'],
      ['OPTIONS', '/videos'],
    ] as const) {
      const response = await withHost(emulator, 'attacker.example', path, {
        method,
        headers: { Authorization: basic },
      });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.headers['x-emulator-rule'], `${method} ${path}`).toBe('untrusted-host');
      expect(response.headers.vary, `${method} ${path}`).toBe('Origin');
    }
    // Logged as every API request is, so a test can see why its call failed.
    expect(emulator.log().map(({ method, path, status, rule }) => ({ method, path, status, rule }))).toEqual([
      { method: 'POST', path: '/auth/api-key', status: 403, rule: 'untrusted-host' },
      { method: 'GET', path: '/videos', status: 403, rule: 'untrusted-host' },
      { method: 'GET', path: '/videos/viPrivateTs', status: 403, rule: 'untrusted-host' },
      { method: 'GET', path: '/live-streams', status: 403, rule: 'untrusted-host' },
      { method: 'OPTIONS', path: '/videos', status: 403, rule: 'untrusted-host' },
    ]);
    // A fully qualified name is told the entry without its trailing dot, the one allowedHosts takes.
    const qualified = await withHost(emulator, 'attacker.example.:4010', '/videos');
    expect(json(qualified)).toMatchObject({
      error: expect.stringContaining(
        'add "attacker.example" to allowedHosts (--allowed-host attacker.example)',
      ),
    });
  });

  it('refuses an API request before any fault answers it or counts it', async () => {
    const emulator = await emulatorForTest();
    emulator.addFault({ match: { kind: 'api' }, status: 500, count: 1 });
    const refused = await withHost(emulator, 'attacker.example', '/videos', {
      headers: { Authorization: basic },
    });
    expect(refused.status).toBe(403);
    expect(refused.headers['x-emulator-rule']).toBe('untrusted-host');
    expect(emulator.faults()).toMatchObject([{ matched: 0, served: 0 }]);
    // Still there for the request it was added for.
    const faulted = await withHost(emulator, '127.0.0.1', '/videos', { headers: { Authorization: basic } });
    expect(faulted.headers['x-emulator-rule']).toBe('fault');
  });

  it('checks the Host before the Origin: a rebound page sends its own origin, or none', async () => {
    const emulator = await emulatorForTest({ control: true });
    for (const origin of ['http://attacker.example:4010', 'http://localhost:5173']) {
      const response = await withHost(emulator, 'attacker.example:4010', '/__emulator/log', {
        headers: { Origin: origin },
      });
      expect(response.headers['x-emulator-rule'], origin).toBe('untrusted-host');
    }
  });

  it('refuses a Host that names no host', async () => {
    const emulator = await emulatorForTest({ control: true });
    for (const host of MALFORMED) {
      expect(await apiAndControl(emulator, host), host).toEqual([403, 403]);
    }
    // No fix is suggested that allowedHosts would refuse.
    for (const host of MALFORMED) {
      expect(json(await withHost(emulator, host, '/videos')), host).toEqual({
        error: `host ${JSON.stringify(host)} is not allowed: the API and control API answer IP addresses, localhost, the names of host and publicUrl, and allowedHosts only (DNS rebinding protection); it names no host`,
      });
    }
    for (const path of ['/videos', '/__emulator/latency']) {
      const empty = await sentAsIs(emulator, `GET ${path} HTTP/1.1\r\nHost:\r\nConnection: close\r\n`);
      expect(empty, path).toBe('HTTP/1.1 403 Forbidden');
    }
  });

  it('leaves delivery, and what matches no route, to every Host', async () => {
    const emulator = await emulatorForTest({ control: true });
    const { urls } = emulator.mintToken('viPrivateTs');
    const path = (url: string) => url.slice(emulator.url.length);
    for (const host of [...REBOUND, ...MALFORMED]) {
      const thumbnail = await withHost(emulator, host, '/vod/viPublicTs/thumbnail.jpg');
      expect(thumbnail.headers['x-emulator-rule'], host).toBe('public');
      const live = await withHost(emulator, host, '/liPublicLive.m3u8');
      expect(live.status, host).toBe(200);
      const unknown = await withHost(emulator, host, '/nope');
      expect(unknown.headers['x-emulator-rule'], host).toBe('not-found');
    }
    const session = await withHost(emulator, 'elsewhere.test', path(urls.session));
    expect(session.headers['x-emulator-rule']).toBe('session-opened');
  });
});

describe('allowedHosts: allowed by default', () => {
  it('IP literals, localhost and *.localhost, at any port, in any case', async () => {
    const emulator = await emulatorForTest({ control: true });
    for (const host of [
      `127.0.0.1:${emulator.port}`,
      '127.0.0.1',
      '10.1.2.3:4010',
      '192.168.0.10',
      `[::1]:${emulator.port}`,
      '[::1]',
      '[2001:db8::1]:4010',
      // As other clients than browsers may write them: upper-case hex, an IPv4-mapped address, an empty port.
      '[2001:DB8::1]',
      '[::ffff:127.0.0.1]:4010',
      'localhost:',
      `localhost:${emulator.port}`,
      'LocalHost',
      'media.localhost:6006',
      'a.b.localhost',
      // Fully qualified (a trailing dot): the same host, as a browser sends it when it was typed so.
      'localhost.:4010',
      'media.localhost.',
    ]) {
      expect(await apiAndControl(emulator, host), host).toEqual([200, 200]);
    }
  });

  it('a request without Host (HTTP/1.0): no browser sends one', async () => {
    const emulator = await emulatorForTest({ control: true });
    for (const path of ['/videos', '/__emulator/latency']) {
      const answer = await sentAsIs(emulator, `GET ${path} HTTP/1.0\r\nAuthorization: ${basic}\r\n`);
      expect(answer, path).toBe('HTTP/1.1 200 OK');
    }
    // An HTTP/1.1 request without one never gets here: node answers it 400 itself.
    expect(await sentAsIs(emulator, 'GET /videos HTTP/1.1\r\nConnection: close\r\n')).toBe(
      'HTTP/1.1 400 Bad Request',
    );
  });

  it('the name of publicUrl, as in the README docker-compose example', async () => {
    const emulator = await emulatorForTest({
      host: '0.0.0.0',
      publicUrl: 'http://emulator:4010',
      control: true,
    });
    for (const host of ['emulator:4010', 'emulator', 'Emulator:4010', 'localhost:4010', '127.0.0.1:4010']) {
      expect(await apiAndControl(emulator, host), host).toEqual([200, 200]);
    }
    for (const host of ['emulator.attacker.example', 'elsewhere.test', 'emulator2:4010']) {
      expect(await apiAndControl(emulator, host), host).toEqual([403, 403]);
    }
  });

  it('the name of host', async () => {
    // Bound to loopback instead: the name only has to be what `host` says, not one this machine resolves.
    const listen = Server.prototype.listen;
    vi.spyOn(Server.prototype, 'listen').mockImplementation(function (this: Server, ...args: unknown[]) {
      return Reflect.apply(listen, this, [args[0], '127.0.0.1', ...args.slice(2)]) as Server;
    });
    const emulator = await emulatorForTest({ host: 'Dev-Box.lan', control: true }).finally(() =>
      vi.restoreAllMocks(),
    );
    expect(emulator.url).toBe(`http://Dev-Box.lan:${emulator.port}`);
    for (const host of [`dev-box.lan:${emulator.port}`, 'DEV-BOX.LAN']) {
      expect(await apiAndControl(emulator, host), host).toEqual([200, 200]);
    }
    expect(await apiAndControl(emulator, 'sub.dev-box.lan')).toEqual([403, 403]);
  });
});

describe('allowedHosts: the option', () => {
  it('adds exact names, and names with their subdomains for a leading dot', async () => {
    const emulator = await emulatorForTest({
      control: true,
      allowedHosts: ['App.Test', '.example.test', 'my_emulator', '_emulator', 'bücher.test'],
    });
    for (const host of [
      'app.test',
      'APP.TEST:3000',
      'example.test',
      'a.example.test:8080',
      'a.b.example.test',
      'my_emulator:4010',
      '_emulator',
      'xn--bcher-kva.test',
      'app.test.:3000',
      'a.example.test.',
      '127.0.0.1',
      'localhost',
    ]) {
      expect(await apiAndControl(emulator, host), host).toEqual([200, 200]);
    }
    for (const host of [
      '.',
      '.:4010',
      'app.test..',
      'attacker.example.',
      'sub.app.test',
      'app.test.attacker.example',
      'notexample.test',
      'example.test.attacker.example',
      'attacker.example',
    ]) {
      expect(await apiAndControl(emulator, host), host).toEqual([403, 403]);
    }
  });

  it('true allows every host, as before the check', async () => {
    const emulator = await emulatorForTest({ control: true, allowedHosts: true });
    for (const host of ['attacker.example:4010', 'elsewhere.test', '[attacker.example]']) {
      expect(await apiAndControl(emulator, host), host).toEqual([200, 200]);
    }
  });

  it('[] allows the defaults only', async () => {
    const emulator = await emulatorForTest({ control: true, allowedHosts: [] });
    expect(await apiAndControl(emulator, 'localhost')).toEqual([200, 200]);
    expect(await apiAndControl(emulator, 'app.test')).toEqual([403, 403]);
  });

  it('refuses what is not true or an array of host names, with what it accepts', async () => {
    for (const [allowedHosts, message] of [
      ...['app.test', false, 42, null, { 'app.test': true }].map((value) => [
        value,
        `allowedHosts must be true (every host) or an array of host names, got ${JSON.stringify(value)}`,
      ]),
      ...[
        'http://app.test',
        'app.test:3000',
        '*.app.test',
        'app.test/x',
        '%41.test',
        'app.test.',
        'a..test',
        '..app.test',
        'app-.test',
        'a.-b.test',
        '::1',
        '[::1',
        '::1]',
        '.',
        '',
        ' app.test',
        'u@app.test',
        42,
        null,
      ].map((entry) => [
        ['ok.test', entry],
        `allowedHosts[1] must be a host name such as app.test, or .app.test for it and its subdomains, without scheme, port or wildcard; got ${JSON.stringify(entry)}`,
      ]),
      [
        ['*'],
        'allowedHosts[0] must be a host name such as app.test, or .app.test for it and its subdomains, without scheme, port or wildcard; got "*" (allowedHosts: true allows every host)',
      ],
    ] as [unknown, string][]) {
      const error = await emulatorForTest({ allowedHosts } as EmulatorOptions).then(
        () => new Error('started'),
        (reason: unknown) => reason as Error,
      );
      expect(error, JSON.stringify(allowedHosts)).toBeInstanceOf(RangeError);
      expect(error.message, JSON.stringify(allowedHosts)).toBe(message);
    }
  });

  it('is the CLI flag --allowed-host, repeatable, * for every host', () => {
    expect(parseCliArgs([])).not.toHaveProperty('options.allowedHosts');
    expect(
      parseCliArgs(['--allowed-host', 'App.test', '--allowed-host=.example.test', '--allowed-host', '[::1]']),
    ).toMatchObject({ options: { allowedHosts: ['app.test', '.example.test', '[::1]'] } });
    expect(parseCliArgs(['--allowed-host', '[2001:DB8::1]'])).toMatchObject({
      options: { allowedHosts: ['[2001:db8::1]'] },
    });
    expect(parseCliArgs(['--allowed-host', 'app.test', '--allowed-host', '*'])).toMatchObject({
      options: { allowedHosts: true },
    });
    for (const value of ['http://app.test', 'app.test:3000', '*.app.test', '', '-1']) {
      expect(() => parseCliArgs(['--allowed-host', value]), value).toThrow(
        new Error(
          `--allowed-host expects a host name such as app.test, or .app.test for it and its subdomains, without scheme, port or wildcard, or '*'; got "${value}"`,
        ),
      );
    }
    // '*' hides no typo beside it.
    expect(() => parseCliArgs(['--allowed-host', '*', '--allowed-host', 'app.test:3000'])).toThrow(
      /^--allowed-host expects/,
    );
    expect(() => parseCliArgs(['--allowed-host'])).toThrow(/--allowed-host/);
    expect(CLI_USAGE).toContain('--allowed-host HOST');
  });
});

describe('allowedHosts: absolute-form targets (GET http://host/path)', () => {
  it('checks the Host header, as Node gives it, not the target', async () => {
    const emulator = await emulatorForTest();
    const allowed = await withHost(emulator, '127.0.0.1', 'http://attacker.example/videos', {
      headers: { Authorization: basic },
    });
    expect(allowed.status).toBe(200);
    const refused = await withHost(emulator, 'attacker.example', `http://127.0.0.1:${emulator.port}/videos`, {
      headers: { Authorization: basic },
    });
    expect(refused.status).toBe(403);
    expect(refused.headers['x-emulator-rule']).toBe('untrusted-host');
  });
});
