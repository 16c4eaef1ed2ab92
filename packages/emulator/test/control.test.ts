import { describe, expect, it } from 'vitest';
import { createEmulatorControl, EmulatorControlError } from '../src/control/createEmulatorControl.js';
import type { FaultSpec, MintedToken } from '../src/control/types.js';
import { emulatorForTest, rawRequest, withAvh } from './helpers.js';

const json = (body: unknown) => ({
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

describe('control API (HTTP)', () => {
  it('is absent unless enabled', async () => {
    const emulator = await emulatorForTest();
    expect((await fetch(`${emulator.url}/__emulator/log`)).status).toBe(404);
  });

  it('returns the log with the documented shape and clears it; control calls are not logged', async () => {
    const emulator = await emulatorForTest({ control: true });
    const { urls } = emulator.mintToken('viPrivateTs');
    await fetch(`${urls.thumbnail}?x=1`);
    const log = (await (await fetch(`${emulator.url}/__emulator/log`)).json()) as unknown[];
    expect(log).toEqual([
      {
        seq: 1,
        time: expect.any(Number),
        method: 'GET',
        path: new URL(urls.thumbnail).pathname,
        query: { x: '1' },
        status: 200,
        kind: 'thumbnail',
        rule: 'unsigned-first-use',
        avh: false,
        videoId: 'viPrivateTs',
        privateToken: urls.session.split('/')[6],
      },
    ]);
    expect((await fetch(`${emulator.url}/__emulator/log`, { method: 'DELETE' })).status).toBe(204);
    expect(await (await fetch(`${emulator.url}/__emulator/log`)).json()).toEqual([]);
  });

  it('GET /log?since=N answers only the entries logged after sequence number N, across clears', async () => {
    const emulator = await emulatorForTest({ control: true });
    const thumbnail = `${emulator.url}/vod/viPublicTs/thumbnail.jpg`;
    for (let i = 0; i < 3; i += 1) await (await fetch(thumbnail)).arrayBuffer();
    const seqs = async (query: string) =>
      ((await (await fetch(`${emulator.url}/__emulator/log${query}`)).json()) as { seq: number }[]).map(
        (entry) => entry.seq,
      );
    expect(await seqs('')).toEqual([1, 2, 3]);
    expect(await seqs('?since=0')).toEqual([1, 2, 3]);
    expect(await seqs('?since=1')).toEqual([2, 3]);
    expect(await seqs('?since=3')).toEqual([]);
    expect(await seqs('?since=99')).toEqual([]);
    // Sequence numbers survive a clear, so a poller's cursor stays valid.
    await fetch(`${emulator.url}/__emulator/log`, { method: 'DELETE' });
    await (await fetch(thumbnail)).arrayBuffer();
    expect(await seqs('?since=3')).toEqual([4]);
    expect(emulator.log({ since: 3 }).map((entry) => entry.seq)).toEqual([4]);
    expect(emulator.log({ since: 4 })).toEqual([]);
  });

  it('GET /log refuses a since that is not a whole number, and query parameters it does not know', async () => {
    const emulator = await emulatorForTest({ control: true });
    for (const query of [
      'since=-1',
      'since=1.5',
      'since=abc',
      'since=',
      'since=1e3',
      'since=1&since=2',
      'sinse=1',
    ]) {
      const response = await fetch(`${emulator.url}/__emulator/log?${query}`);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error?: string }).error, query).toEqual(expect.any(String));
    }
    expect(() => emulator.log({ since: -1 })).toThrow(RangeError);
    expect(() => emulator.log({ since: Number.NaN })).toThrow(RangeError);
  });

  it('mints tokens with ready URLs, and refuses unknown or public ids', async () => {
    const emulator = await emulatorForTest({ control: true });
    const response = await fetch(`${emulator.url}/__emulator/tokens`, {
      method: 'POST',
      ...json({ videoId: 'viPrivateTs', policy: { sessionLimit: 2 } }),
    });
    expect(response.status).toBe(201);
    const minted = (await response.json()) as MintedToken;
    expect(minted).toEqual({
      videoId: 'viPrivateTs',
      privateToken: expect.any(String),
      live: false,
      urls: {
        session: `${emulator.url}/vod/viPrivateTs/token/${minted.privateToken}/session`,
        thumbnail: `${emulator.url}/vod/viPrivateTs/token/${minted.privateToken}/thumbnail.jpg`,
        mp4: `${emulator.url}/vod/viPrivateTs/token/${minted.privateToken}/mp4/source.mp4`,
        hls: `${emulator.url}/vod/viPrivateTs/token/${minted.privateToken}/hls/manifest.m3u8`,
      },
    });
    expect((await fetch(minted.urls.session)).status).toBe(200);
    expect((await fetch(minted.urls.session)).status).toBe(200);
    const post = (body: unknown) =>
      fetch(`${emulator.url}/__emulator/tokens`, { method: 'POST', ...json(body) });
    expect((await post({ videoId: 'viNope' })).status).toBe(404);
    expect((await post({ videoId: 'viPublicTs' })).status).toBe(400);
    expect((await post({ videoId: 'viPrivateTs', policy: { sessionLimit: 'x' } })).status).toBe(400);
    // The handle throws what the API answers, as a RangeError (a bad argument) with the same message.
    for (const videoId of ['viNope', 'viPublicTs']) {
      const { error } = (await (await post({ videoId })).json()) as { error: string };
      expect(() => emulator.mintToken(videoId)).toThrow(error);
      expect(() => emulator.mintToken(videoId)).toThrow(RangeError);
    }
  });

  it('expires sessions by filter', async () => {
    const emulator = await emulatorForTest({ control: true });
    const open = async (videoId: string) => {
      const { urls } = emulator.mintToken(videoId);
      const { session_token } = (await (await fetch(urls.session)).json()) as { session_token: string };
      return { urls, avh: session_token };
    };
    const a = await open('viPrivateTs');
    const b = await open('viPrivateFmp4');
    const c = await open('viPrivateFmp4');
    const expire = async (body: unknown) =>
      (await fetch(`${emulator.url}/__emulator/sessions/expire`, { method: 'POST', ...json(body) })).json();
    expect(await expire({ videoId: 'viPrivateTs' })).toEqual({ expired: 1 });
    expect((await fetch(withAvh(a.urls.thumbnail, a.avh))).status).toBe(404);
    expect((await fetch(withAvh(b.urls.thumbnail, b.avh))).status).toBe(200);
    expect(await expire({ sessionToken: b.avh })).toEqual({ expired: 1 });
    expect((await fetch(withAvh(c.urls.thumbnail, c.avh))).status).toBe(200);
    expect(await expire({})).toEqual({ expired: 1 });
    expect((await fetch(withAvh(c.urls.thumbnail, c.avh))).status).toBe(404);
  });

  it('expires only the sessions of the private token a filter names, not those of other tokens of the video', async () => {
    const emulator = await emulatorForTest({ control: true });
    const open = async () => {
      const { urls, privateToken } = emulator.mintToken('viPrivateTs');
      const { session_token } = (await (await fetch(urls.session)).json()) as { session_token: string };
      return { urls, privateToken, avh: session_token };
    };
    const a = await open();
    const b = await open();
    const expire = async (body: unknown) =>
      (await fetch(`${emulator.url}/__emulator/sessions/expire`, { method: 'POST', ...json(body) })).json();
    expect(await expire({ privateToken: a.privateToken })).toEqual({ expired: 1 });
    expect((await fetch(withAvh(a.urls.thumbnail, a.avh))).status).toBe(404);
    expect((await fetch(withAvh(b.urls.thumbnail, b.avh))).status).toBe(200);
    expect(emulator.expireSessions({ videoId: 'viPrivateTs', privateToken: a.privateToken })).toEqual({
      expired: 0,
    });
  });

  it('faults answer with their status before any rule, honour count/after, and can be removed', async () => {
    const emulator = await emulatorForTest({ control: true });
    const add = async (body: unknown) =>
      (await (
        await fetch(`${emulator.url}/__emulator/faults`, { method: 'POST', ...json(body) })
      ).json()) as {
        id: string;
      };
    const seg = (n: number) => `${emulator.url}/vod/viPublicTs/hls/v0/seg_00${n}.ts`;
    await add({ match: { kind: 'segment', videoId: 'viPublicTs' }, status: 503, count: 2, after: 1 });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) {
      const response = await fetch(seg(i));
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    expect(statuses).toEqual([200, 503, 503, 200]);
    expect(emulator.log().map((entry) => entry.rule)).toEqual(['public', 'fault', 'fault', 'public']);

    const { id } = await add({ match: { path: 'thumbnail' }, status: 500 });
    const faulted = await fetch(`${emulator.url}/vod/viPublicTs/thumbnail.jpg`);
    expect(faulted.status).toBe(500);
    expect(await faulted.text()).toBe('');
    // A browser may keep some statuses (410, 301) fresh for good: a fault's `count` must still hold there.
    expect(faulted.headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${emulator.url}/__emulator/faults/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(`${emulator.url}/vod/viPublicTs/thumbnail.jpg`)).status).toBe(200);

    await add({ match: { kind: 'api' }, status: 502 });
    expect((await fetch(`${emulator.url}/videos`)).status).toBe(502);
    expect((await fetch(`${emulator.url}/__emulator/faults`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(`${emulator.url}/videos`)).status).toBe(401);
    expect(
      (await fetch(`${emulator.url}/__emulator/faults`, { method: 'POST', ...json({ status: 1 }) })).status,
    ).toBe(400);
  });

  it('a fault does not consume the private token', async () => {
    const emulator = await emulatorForTest({ control: true });
    const { urls } = emulator.mintToken('viPrivateTs');
    emulator.addFault({ match: { kind: 'session' }, status: 503, count: 1 });
    expect((await fetch(urls.session)).status).toBe(503);
    expect((await fetch(urls.session)).status).toBe(200);
  });

  it('latency delays delivery and API responses, not control ones', async () => {
    const emulator = await emulatorForTest({ control: true });
    const put = await fetch(`${emulator.url}/__emulator/latency`, { method: 'PUT', ...json({ ms: 150 }) });
    expect(put.status).toBe(200);
    const started = performance.now();
    await (await fetch(`${emulator.url}/vod/viPublicTs/thumbnail.jpg`)).arrayBuffer();
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    const controlStarted = performance.now();
    await fetch(`${emulator.url}/__emulator/log`);
    expect(performance.now() - controlStarted).toBeLessThan(145);
    expect(
      (await fetch(`${emulator.url}/__emulator/latency`, { method: 'PUT', ...json({ ms: -1 }) })).status,
    ).toBe(400);
  });

  it('latency delays every logged request: preflights and refused malformed paths too', async () => {
    const emulator = await emulatorForTest({ control: true, latencyMs: 120 });
    let started = performance.now();
    const preflight = await fetch(`${emulator.url}/vod/viPublicTs/mp4/source.mp4`, {
      method: 'OPTIONS',
      headers: { 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'range' },
    });
    expect(preflight.status).toBe(204);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    started = performance.now();
    expect((await rawRequest(emulator.url, '/vod/viPublicTs/hls/%2e%2e/x')).status).toBe(400);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    expect(emulator.log().map((entry) => entry.rule)).toEqual(['preflight', 'bad-request']);
    started = performance.now();
    await fetch(`${emulator.url}/__emulator/log`, { method: 'OPTIONS' });
    expect(performance.now() - started).toBeLessThan(115);
  });

  it('the latencyMs option applies from the start', async () => {
    const emulator = await emulatorForTest({ latencyMs: 120 });
    const started = performance.now();
    await (await fetch(`${emulator.url}/vod/viPublicTs/thumbnail.jpg`)).arrayBuffer();
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('reset clears log, faults, latency, tokens and sessions', async () => {
    const emulator = await emulatorForTest({ control: true, latencyMs: 50 });
    const { urls } = emulator.mintToken('viPrivateTs');
    const { session_token: avh } = (await (await fetch(urls.session)).json()) as { session_token: string };
    emulator.addFault({ match: { path: 'seg_' }, status: 500 });
    expect((await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' })).status).toBe(204);
    expect(emulator.log()).toEqual([]);
    expect((await fetch(withAvh(urls.thumbnail, avh))).status).toBe(404);
    expect(emulator.log().at(-1)?.rule).toBe('session-unknown');
    const started = performance.now();
    const segment = await fetch(`${emulator.url}/vod/viPublicTs/hls/v0/seg_000.ts`);
    expect(segment.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('answers a malformed control path as the control API: a 400 {error}, unlogged, refused first to an untrusted page', async () => {
    const emulator = await emulatorForTest({ control: true });
    // What `control.removeFault('')` and `control.removeFault('a/b')` send.
    for (const path of ['/__emulator/faults/', '/__emulator/faults/a%2Fb']) {
      const response = await rawRequest(emulator.url, path, { method: 'DELETE' });
      expect(response.status, path).toBe(400);
      expect(JSON.parse(response.body.toString()), path).toEqual({ error: expect.any(String) });
      const untrusted = await rawRequest(emulator.url, path, {
        method: 'DELETE',
        headers: { Origin: 'http://evil.test' },
      });
      expect(untrusted.status, path).toBe(403);
      expect(untrusted.headers['access-control-allow-origin'], path).toBeUndefined();
    }
    expect(emulator.log()).toEqual([]);
  });

  it("leaves a malformed path that only begins as the control API's (/__emulatorx/) to the rules: logged, no body", async () => {
    const emulator = await emulatorForTest({ control: true });
    const response = await rawRequest(emulator.url, '/__emulatorx//faults');
    expect([response.status, response.body.toString()]).toEqual([400, '']);
    expect(emulator.log().map((entry) => [entry.path, entry.rule])).toEqual([
      ['/__emulatorx//faults', 'bad-request'],
    ]);
  });

  it('answers unknown control endpoints and bad JSON with errors, not crashes', async () => {
    const emulator = await emulatorForTest({ control: true });
    expect((await fetch(`${emulator.url}/__emulator/nope`)).status).toBe(404);
    const bad = await fetch(`${emulator.url}/__emulator/faults`, { method: 'POST', body: '{' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'body is not valid JSON' });
  });
});

describe('control API validation (typed 400s, nothing half-applied)', () => {
  it('refuses faults that could never act as written', async () => {
    const emulator = await emulatorForTest({ control: true });
    const post = async (body: unknown) => {
      const response = await fetch(`${emulator.url}/__emulator/faults`, { method: 'POST', ...json(body) });
      return { status: response.status, body: (await response.json()) as { error?: string } };
    };
    const refused = [
      { match: { kind: 'segments' }, status: 500 }, // a typo: would never match
      { match: { videoid: 'viPrivateTs' }, status: 500 }, // a typo: would match every request
      { match: [], status: 500 },
      [],
      { match: {}, status: 100 }, // not a final response: clients wait for another, or hang up
      { match: {}, status: 199 },
    ];
    for (const body of refused) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error, JSON.stringify(body)).toEqual(expect.any(String));
    }
    expect(emulator.log()).toEqual([]);
    expect(await (await fetch(`${emulator.url}/__emulator/faults`)).json()).toEqual([]);
    expect(
      (await post({ match: { kind: 'segment', path: 'seg_', videoId: 'viPublicTs' }, status: 200 })).status,
    ).toBe(201);
  });

  it('refuses delay, hang, count and after of faults that cannot act as written, saying why', async () => {
    const emulator = await emulatorForTest({ control: true });
    const post = async (body: unknown) => {
      const response = await fetch(`${emulator.url}/__emulator/faults`, { method: 'POST', ...json(body) });
      return { status: response.status, body: (await response.json()) as { error?: string; id?: string } };
    };
    const needsAnAction = 'a fault needs a status, a delayMs, a cutAfterBytes or hang: true';
    const hangAlone = 'hang never answers: it takes no status and no delayMs';
    const delayRange = 'delayMs must be a number of milliseconds between 0 and 2147483647';
    // A fraction would act on one request more than asked (`count: 0.5` acts once), and `count: 0` never acts.
    const countRange = 'count must be a whole number, 1 or more';
    const afterRange = 'after must be a whole number, 0 or more';
    const retryAfterAlone = "retryAfter goes with a status: it is a header of the fault's own answer";
    const retryAfterValue =
      'retryAfter must be a whole number of seconds, 0 or more, or the text of a header (printable ASCII)';
    const refused: [unknown, string][] = [
      [{ match: {} }, needsAnAction],
      [{ match: {}, hang: false }, needsAnAction],
      [{ match: {}, hang: true, status: 503 }, hangAlone],
      [{ match: {}, hang: true, delayMs: 10 }, hangAlone],
      [{ match: {}, hang: 'yes' }, 'hang must be true or false'],
      [{ match: {}, delayMs: -1 }, delayRange],
      [{ match: {}, delayMs: 2 ** 31 }, delayRange],
      [{ match: {}, delayMs: '10' }, delayRange],
      [{ match: {}, delayMs: 10, status: 100 }, 'status must be an HTTP status code from 200 to 599'],
      [{ match: {}, status: 503, count: 0 }, countRange],
      [{ match: {}, status: 503, count: 0.5 }, countRange],
      [{ match: {}, status: 503, count: -1 }, countRange],
      [{ match: {}, status: 503, count: '1' }, countRange],
      [{ match: {}, status: 503, after: 1.5 }, afterRange],
      [{ match: {}, status: 503, after: -1 }, afterRange],
      [{ match: {}, status: 503, after: '0' }, afterRange],
      [{ match: {}, delayMs: 10, retryAfter: 3 }, retryAfterAlone],
      [{ match: {}, status: 429, retryAfter: -1 }, retryAfterValue],
      [{ match: {}, status: 429, retryAfter: 1.5 }, retryAfterValue],
      [{ match: {}, status: 429, retryAfter: '' }, retryAfterValue],
      // A line break would write headers of its own.
      [{ match: {}, status: 429, retryAfter: '1\r\nSet-Cookie: a=b' }, retryAfterValue],
    ];
    for (const [body, message] of refused) {
      expect(await post(body), JSON.stringify(body)).toEqual({ status: 400, body: { error: message } });
      expect(() => emulator.addFault(body as FaultSpec), JSON.stringify(body)).toThrow(
        new RangeError(message),
      );
    }
    expect(emulator.faults()).toEqual([]);
    for (const body of [
      { match: {}, delayMs: 10 },
      { match: {}, delayMs: 0, status: 503 },
      { match: {}, hang: true },
      { match: {}, status: 503, hang: false },
      { match: {}, status: 503, count: 1, after: 0 },
      // JSON has no Infinity: a null count (or after) is the default, as when absent.
      { match: {}, status: 503, count: null, after: null },
    ]) {
      expect((await post(body)).status, JSON.stringify(body)).toBe(201);
    }
  });

  it('refuses a session filter that is not an object instead of expiring every session', async () => {
    const emulator = await emulatorForTest({ control: true });
    const { urls } = emulator.mintToken('viPrivateTs');
    const { session_token: avh } = (await (await fetch(urls.session)).json()) as { session_token: string };
    // Only an empty body is the empty filter: `null` is a filter, and not an object.
    for (const body of ['[]', '"viPrivateTs"', '7', 'null']) {
      const response = await fetch(`${emulator.url}/__emulator/sessions/expire`, { method: 'POST', body });
      expect(response.status, body).toBe(400);
    }
    expect((await fetch(withAvh(urls.thumbnail, avh))).status).toBe(200);
  });

  it('refuses a latency Node timers cannot hold, instead of silently using 1 ms', async () => {
    const emulator = await emulatorForTest({ control: true });
    const put = (body: string) => fetch(`${emulator.url}/__emulator/latency`, { method: 'PUT', body });
    for (const body of ['{"ms":2147483648}', '{"ms":1e400}', '{"ms":-1}', '{"ms":"10"}', '{}']) {
      expect((await put(body)).status, body).toBe(400);
    }
    expect((await put('{"ms":2147483647}')).status).toBe(200);
    expect(() => emulator.setLatency(2 ** 31)).toThrow(RangeError);
    expect(() => emulator.setLatency(Number.NaN)).toThrow(RangeError);
    await expect(emulatorForTest({ latencyMs: 2 ** 31 })).rejects.toThrow(RangeError);
  });
});

describe('createEmulatorControl (the fetch client other packages use)', () => {
  it('drives the same control API', async () => {
    const emulator = await emulatorForTest({ control: true });
    const control = createEmulatorControl(`${emulator.url}/`);
    const minted = await control.mintToken('viPrivateTs', { sessionLimit: 1 });
    const { session_token: avh } = (await (await fetch(minted.urls.session)).json()) as {
      session_token: string;
    };
    const { id } = await control.addFault({ match: { kind: 'thumbnail' }, status: 418 });
    expect((await fetch(withAvh(minted.urls.thumbnail, avh))).status).toBe(418);
    await control.removeFault(id);
    expect((await fetch(withAvh(minted.urls.thumbnail, avh))).status).toBe(200);
    await control.addFault({ match: { kind: 'thumbnail' }, status: 418 });
    await control.clearFaults();
    expect((await fetch(withAvh(minted.urls.thumbnail, avh))).status).toBe(200);
    expect((await control.log()).map((entry) => entry.rule)).toEqual([
      'session-opened',
      'fault',
      'signed',
      'signed',
    ]);
    await control.clearLog();
    expect(await control.log()).toEqual([]);
    expect(await control.expireSessions({ privateToken: minted.privateToken })).toEqual({ expired: 1 });
    await control.setLatency(0);
    await control.reset();
    await expect(control.mintToken('viNope')).rejects.toThrow(/404/);
  });

  it('lists the active faults with their counters', async () => {
    const emulator = await emulatorForTest({ control: true });
    const control = createEmulatorControl(emulator.url);
    const { id } = await control.addFault({ match: { kind: 'thumbnail' }, status: 500, count: 1 });
    await fetch(`${emulator.url}/vod/viPublicTs/thumbnail.jpg`);
    expect(await control.faults()).toEqual([
      { id, match: { kind: 'thumbnail' }, status: 500, count: 1, matched: 1, served: 1 },
    ]);
    expect(emulator.faults()).toEqual(await control.faults());
  });

  it('adds delay and hang faults', async () => {
    const emulator = await emulatorForTest({ control: true });
    const control = createEmulatorControl(emulator.url);
    const { id } = await control.addFault({ match: { kind: 'thumbnail' }, delayMs: 120, status: 503 });
    const started = performance.now();
    const response = await fetch(`${emulator.url}/vod/viPublicTs/thumbnail.jpg`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    expect(response.status).toBe(503);
    await control.addFault({ match: { kind: 'session' }, hang: true });
    expect(await control.faults()).toEqual([
      { id, match: { kind: 'thumbnail' }, delayMs: 120, status: 503, matched: 1, served: 1 },
      { id: expect.any(String), match: { kind: 'session' }, hang: true, matched: 0, served: 0 },
    ]);
    await expect(control.addFault({ match: {}, hang: true, status: 500 })).rejects.toMatchObject({
      status: 400,
    });
  });

  it('reads the log since a sequence number, so a poller fetches only what is new', async () => {
    const emulator = await emulatorForTest({ control: true });
    const control = createEmulatorControl(emulator.url);
    for (let i = 0; i < 3; i += 1) await fetch(`${emulator.url}/vod/viPublicTs/thumbnail.jpg`);
    expect((await control.log({ since: 2 })).map((entry) => entry.seq)).toEqual([3]);
    expect(await control.log({ since: 3 })).toEqual([]);
    expect((await control.log({})).map((entry) => entry.seq)).toEqual([1, 2, 3]);
  });

  it('rejects with an EmulatorControlError that carries the HTTP status, method and path', async () => {
    const emulator = await emulatorForTest({ control: true });
    const control = createEmulatorControl(emulator.url);
    const missing = await control.removeFault('fault-404').catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(EmulatorControlError);
    expect(missing).toBeInstanceOf(Error);
    expect(missing).toMatchObject({
      name: 'EmulatorControlError',
      status: 404,
      method: 'DELETE',
      path: '/__emulator/faults/fault-404',
      message: expect.stringMatching(/DELETE \/__emulator\/faults\/fault-404 failed: 404/),
    });
    await expect(control.mintToken('viPublicTs')).rejects.toMatchObject({ status: 400 });
    await expect(control.log({ since: -1 })).rejects.toMatchObject({ status: 400 });
  });

  it("quotes the emulator's error text in its message and detail, not its JSON (whose quotes are escaped)", async () => {
    const emulator = await emulatorForTest({ control: true });
    const control = createEmulatorControl(emulator.url);
    const misspelt = { match: { kind: 'manifest' }, stauts: 503 } as unknown as FaultSpec;
    const refused = (await control
      .addFault(misspelt)
      .catch((error: unknown) => error)) as EmulatorControlError;
    expect(refused.detail).toMatch(/^fault: unknown key "stauts" \(did you mean "status"\?\)/);
    expect(refused.message).toBe(`Emulator control POST /__emulator/faults failed: 400 ${refused.detail}`);
  });

  it('keeps a JSON body whose error is not text as it came', () => {
    const body = '{"error":{"code":"x"}}';
    expect(new EmulatorControlError('GET', '/__emulator/log', 500, body).detail).toBe(body);
  });

  it('keeps a body that is not its JSON error as it came', () => {
    const error = new EmulatorControlError('GET', '/__emulator/log', 502, '<h1>Bad Gateway</h1>');
    expect([error.detail, error.message]).toEqual([
      '<h1>Bad Gateway</h1>',
      'Emulator control GET /__emulator/log failed: 502 <h1>Bad Gateway</h1>',
    ]);
  });

  it("an EmulatorControlError's path is the one its message names: the request's, as the README's table", async () => {
    const emulator = await emulatorForTest({ control: true });
    const control = createEmulatorControl(`${emulator.url}/`);
    for (const refused of [
      () => control.addFault({ match: {}, status: 100 }),
      () => control.removeFault('fault-404'),
      () => control.log({ since: -1 }),
    ]) {
      const error = (await refused().catch((reason: unknown) => reason)) as EmulatorControlError;
      expect(error.path).toMatch(/^\/__emulator\//);
      expect(
        error.message.startsWith(`Emulator control ${error.method} ${error.path} failed: ${error.status} `),
      ).toBe(true);
    }
  });
});
