import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { toNodeHandler } from './toNodeHandler.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** Serves `handler` on a loopback port and returns its origin. */
async function serve(
  handler: (request: Request) => Promise<Response>,
  maxBodySize?: number,
): Promise<string> {
  const server = createServer(toNodeHandler(handler, { maxBodySize }));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('toNodeHandler', () => {
  it('gives the handler the method, full URL, headers and body', async () => {
    let seen: { method: string; url: string; header: string | null; body: string } | undefined;
    const origin = await serve(async (request) => {
      seen = {
        method: request.method,
        url: request.url,
        header: request.headers.get('x-user'),
        body: await request.text(),
      };
      return new Response('ok');
    });
    await fetch(`${origin}/api/private-token?videoId=vi1`, {
      method: 'POST',
      headers: { 'x-user': 'ada' },
      body: '{"videoId":"vi1"}',
    });
    expect(seen).toEqual({
      method: 'POST',
      url: `${origin}/api/private-token?videoId=vi1`,
      header: 'ada',
      body: '{"videoId":"vi1"}',
    });
  });

  it('gives the handler the URL the browser asked for under an Express router (its originalUrl)', async () => {
    let seen: string | undefined;
    const handle = toNodeHandler(async (request) => {
      seen = request.url;
      return new Response('ok');
    });
    // What an Express router mounted at `/api` does before its handler: `url` loses the mount path.
    const server = createServer((req, res) => {
      Object.assign(req, { originalUrl: req.url, url: req.url!.replace(/^\/api/, '') });
      handle(req, res);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await fetch(`${origin}/api/private-token?videoId=vi1`);
    expect(seen).toBe(`${origin}/api/private-token?videoId=vi1`);
  });

  it('writes the status, headers (every Set-Cookie) and body of the answer', async () => {
    const origin = await serve(async () => {
      const headers = new Headers({ 'content-type': 'application/json', 'cache-control': 'no-store' });
      headers.append('set-cookie', 'a=1');
      headers.append('set-cookie', 'b=2');
      return new Response('{"x":1}', { status: 201, headers });
    });
    const response = await fetch(origin);
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await response.text()).toBe('{"x":1}');
  });

  it("aborts the handler's request.signal when the browser goes away before the answer, and only then", async () => {
    let started!: () => void;
    const handling = new Promise<void>((resolve) => {
      started = resolve;
    });
    let heard!: (aborted: boolean) => void;
    const aborted = new Promise<boolean>((resolve) => {
      heard = resolve;
    });
    const signals: AbortSignal[] = [];
    const origin = await serve(async (request) => {
      signals.push(request.signal);
      if (signals.length === 1) {
        started();
        // As the token handler's API call does: it stops when the signal aborts.
        await new Promise((resolve) => request.signal.addEventListener('abort', resolve, { once: true }));
        heard(request.signal.aborted);
      }
      return new Response('ok');
    });
    const leaving = new AbortController();
    const left = fetch(origin, { signal: leaving.signal }).catch(() => undefined);
    await handling;
    leaving.abort();
    await expect(aborted).resolves.toBe(true);
    await left;
    // A request answered in full is not aborted afterwards.
    await expect((await fetch(origin)).text()).resolves.toBe('ok');
    expect(signals[1]!.aborted).toBe(false);
  });

  it('starts the handler with request.signal aborted where the browser left before it ran (async middleware)', async () => {
    let seen!: (aborted: boolean) => void;
    const aborted = new Promise<boolean>((resolve) => {
      seen = resolve;
    });
    const handle = toNodeHandler(async (request) => {
      seen(request.signal.aborted);
      return new Response('ok');
    });
    // An app's middleware (a session lookup, say) that is still running when the visitor leaves.
    const server = createServer((req, res) => {
      res.once('close', () => handle(req, res));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const leaving = request({ host: '127.0.0.1', port, path: '/' });
    leaving.on('error', () => {});
    leaving.end(() => leaving.destroy());
    await expect(aborted).resolves.toBe(true);
  });

  it("passes an upstream fetch's answer on as it came: its body read decoded, without its encoding", async () => {
    const upstream = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      response.end(gzipSync('{"ok":true}'));
    });
    servers.push(upstream);
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/`;
    // A proxy: the handler answers with what `fetch` gave it.
    const origin = await serve(() => fetch(upstreamUrl));
    const response = await fetch(origin);
    expect(await response.text()).toBe('{"ok":true}');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('content-encoding')).toBeNull();
  });

  it('keeps the encoding of an answer the handler built from encoded bytes', async () => {
    const origin = await serve(
      async () => new Response(gzipSync('{"ok":true}'), { headers: { 'content-encoding': 'gzip' } }),
    );
    expect(await (await fetch(origin)).text()).toBe('{"ok":true}');
  });

  it('answers 500 JSON when the handler throws, without its message', async () => {
    const origin = await serve(async () => {
      throw new Error('secret detail');
    });
    const response = await fetch(origin);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'internal-error' } });
    expect(text).not.toContain('secret detail');
  });

  it('answers 501 JSON to TRACE, which a Request cannot carry, without calling the handler', async () => {
    let called = false;
    const origin = await serve(async () => {
      called = true;
      return new Response('ok');
    });
    // fetch refuses to send TRACE too: node:http's client does.
    const { status, text } = await new Promise<{ status: number | undefined; text: string }>(
      (resolve, reject) => {
        const { hostname, port } = new URL(origin);
        const req = request({ hostname, port, method: 'TRACE', path: '/api/private-token' }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode, text }));
        });
        req.on('error', reject);
        req.end();
      },
    );
    expect(status).toBe(501);
    expect(JSON.parse(text)).toEqual({
      error: { code: 'not-implemented', message: 'This server does not answer TRACE requests.' },
    });
    expect(called).toBe(false);
  });

  it.each(['CONNECT', 'track', 'trace'])(
    'answers 501 to %s however a framework hands it over',
    async (method) => {
      let called = false;
      const handle = toNodeHandler(async () => {
        called = true;
        return new Response('ok');
      });
      const server = createServer((req, res) => {
        req.method = method; // node:http never passes CONNECT or TRACK to a request listener
        void handle(req, res);
      });
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      expect(response.status).toBe(501);
      expect(called).toBe(false);
    },
  );

  it('gives a request without a method to the handler as a GET', async () => {
    let seen: string | undefined;
    const handle = toNodeHandler(async (request) => {
      seen = request.method;
      return new Response('ok');
    });
    const server = createServer((req, res) => {
      req.method = undefined as never;
      void handle(req, res);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    expect(response.status).toBe(200);
    expect(seen).toBe('GET');
  });

  it('answers 413 to a body over the limit, without calling the handler', async () => {
    let called = false;
    const origin = await serve(async () => {
      called = true;
      return new Response('ok');
    }, 10);
    const response = await fetch(origin, { method: 'POST', body: 'x'.repeat(100) });
    expect(response.status).toBe(413);
    expect(called).toBe(false);
  });

  it('keeps the default limit for a maxBodySize that is not a number from 0 up (NaN)', async () => {
    let called = false;
    const origin = await serve(async () => {
      called = true;
      return new Response('ok');
    }, Number.NaN);
    const response = await fetch(origin, { method: 'POST', body: 'x'.repeat(20_000) });
    expect(response.status).toBe(413);
    expect(called).toBe(false);
  });

  // What express.json() and express.raw() leave behind: a consumed stream, and the parsed or raw `body`.
  it.each([
    ['express.json() parsed', { videoId: 'vi1' }],
    ['express.raw() left as bytes', Buffer.from('{"videoId":"vi1"}')],
  ])('uses the body %s', async (_, parsed) => {
    let body: string | undefined;
    const nodeHandler = toNodeHandler(async (request) => {
      body = await request.text();
      return new Response('ok');
    });
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        Object.assign(req, { body: parsed });
        void nodeHandler(req, res);
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, {
      method: 'POST',
      body: 'raw',
    });
    expect(body).toBe('{"videoId":"vi1"}');
  });

  it('answers 500 JSON, and does not reject, when the answer cannot be written', async () => {
    const nodeHandler = toNodeHandler(async () => {
      const failing = new ReadableStream({
        pull(controller) {
          controller.error(new Error('secret detail'));
        },
      });
      return new Response(failing, { headers: { 'x-from-handler': '1' } });
    });
    let settled: Promise<void> | undefined;
    const server = createServer((req, res) => {
      settled = nodeHandler(req, res);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    expect(response.status).toBe(500);
    expect(response.headers.get('x-from-handler')).toBeNull();
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'internal-error' } });
    expect(text).not.toContain('secret detail');
    await expect(settled).resolves.toBeUndefined();
  });
});
