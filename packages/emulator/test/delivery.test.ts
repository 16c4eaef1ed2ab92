import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInMediaRoot } from '../src/mediaRoot.js';
import { emulatorForTest, openSession, rawRequest, withAvh } from './helpers.js';

describe('private video delivery (strict rules)', () => {
  it('opens a session with the private token and answers {"session_token"} without caching', async () => {
    const emulator = await emulatorForTest();
    const { urls } = emulator.mintToken('viPrivateTs');
    const response = await fetch(urls.session);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['session_token']);
    expect(body.session_token).toEqual(expect.any(String));
    expect(emulator.log().at(-1)).toMatchObject({ kind: 'session', rule: 'session-opened', status: 200 });
  });

  it('refuses HEAD on /session (405, Allow: GET) without spending the one-time token', async () => {
    const emulator = await emulatorForTest();
    const { urls } = emulator.mintToken('viPrivateTs');
    const head = await rawRequest(emulator.url, new URL(urls.session).pathname, { method: 'HEAD' });
    expect(head.status).toBe(405);
    expect(head.headers.allow).toBe('GET');
    expect(emulator.log().at(-1)).toMatchObject({
      kind: 'session',
      method: 'HEAD',
      rule: 'method-not-allowed',
    });
    expect((await fetch(urls.session)).status).toBe(200);
  });

  it('refuses a second /session with the same (used) token', async () => {
    const emulator = await emulatorForTest();
    const { urls } = emulator.mintToken('viPrivateTs');
    expect((await fetch(urls.session)).status).toBe(200);
    expect((await fetch(urls.session)).status).toBe(404);
    expect(emulator.log().at(-1)).toMatchObject({ kind: 'session', rule: 'token-used', status: 404 });
  });

  it('serves every asset type to requests signed with a live session of the same video and token', async () => {
    const emulator = await emulatorForTest();
    const { urls, avh } = await openSession(emulator, 'viPrivateFmp4');
    const hls = urls.hls.replace(/manifest\.m3u8$/, '');
    const cases: [string, string][] = [
      [urls.thumbnail, 'image/jpeg'],
      [urls.mp4 ?? '', 'video/mp4'],
      [urls.hls, 'application/vnd.apple.mpegurl'],
      [`${hls}360p/index.m3u8`, 'application/vnd.apple.mpegurl'],
      [`${hls}360p/init_0.mp4`, 'video/mp4'],
      [`${hls}360p/seg_000.m4s`, 'video/iso.segment'],
      [`${hls}enc.key`, 'application/octet-stream'],
      [`${hls}audio/index.m3u8`, 'application/vnd.apple.mpegurl'],
      [`${hls}audio/seg_000.m4s`, 'video/iso.segment'],
      [`${hls}subs/index.m3u8`, 'application/vnd.apple.mpegurl'],
      [`${hls}subs/subs.vtt`, 'text/vtt; charset=utf-8'],
    ];
    for (const [url, type] of cases) {
      const response = await fetch(withAvh(url, avh));
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type'), url).toBe(type);
      await response.arrayBuffer();
    }
    const kinds = emulator.log().map((entry) => [entry.kind, entry.rule, entry.avh]);
    expect(kinds).toEqual([
      ['session', 'session-opened', false],
      ['thumbnail', 'signed', true],
      ['mp4', 'signed', true],
      ['manifest', 'signed', true],
      ['playlist', 'signed', true],
      ['init', 'signed', true],
      ['segment', 'signed', true],
      ['key', 'signed', true],
      ['playlist', 'signed', true],
      ['segment', 'signed', true],
      ['playlist', 'signed', true],
      ['subtitle', 'signed', true],
    ]);
  });

  it('serves TS segments as video/mp2t, and the master lists relative variant URIs', async () => {
    const emulator = await emulatorForTest();
    const { urls, avh } = await openSession(emulator, 'viPrivateTs');
    const master = await (await fetch(withAvh(urls.hls, avh))).text();
    expect(master).toContain('\nv0/index.m3u8');
    expect(master).not.toMatch(/^https?:/m);
    const segment = await fetch(withAvh(urls.hls.replace('manifest.m3u8', 'v1/seg_000.ts'), avh));
    expect(segment.status).toBe(200);
    expect(segment.headers.get('content-type')).toBe('video/mp2t');
  });

  it('gives the seed-001 "incorrect usage" its 404: the bare token works once, the second request fails', async () => {
    const emulator = await emulatorForTest();
    const { urls } = emulator.mintToken('viPrivateTs');
    // <img src=thumbnail> loads first and consumes the token; following <a href=mp4> then gets 404.
    expect((await fetch(urls.thumbnail)).status).toBe(200);
    expect((await fetch(urls.mp4 ?? '')).status).toBe(404);
    expect(emulator.log().map((entry) => [entry.kind, entry.status, entry.rule])).toEqual([
      ['thumbnail', 200, 'unsigned-first-use'],
      ['mp4', 404, 'token-used'],
    ]);
  });

  it('refuses /session after the token was consumed by an unsigned request', async () => {
    const emulator = await emulatorForTest();
    const { urls } = emulator.mintToken('viPrivateTs');
    await (await fetch(urls.thumbnail)).arrayBuffer();
    expect((await fetch(urls.session)).status).toBe(404);
    expect(emulator.log().at(-1)?.rule).toBe('token-used');
  });

  it('refuses unsigned requests once the token has opened a session', async () => {
    const emulator = await emulatorForTest();
    const { urls } = await openSession(emulator, 'viPrivateTs');
    expect((await fetch(urls.thumbnail)).status).toBe(404);
    expect(emulator.log().at(-1)).toMatchObject({ rule: 'token-used', avh: false });
  });

  it('refuses an unknown session token, a made-up private token and a token of another video', async () => {
    const emulator = await emulatorForTest();
    const { urls, privateToken, avh } = await openSession(emulator, 'viPrivateTs');
    expect((await fetch(withAvh(urls.thumbnail, 'not-a-session'))).status).toBe(404);
    expect(emulator.log().at(-1)?.rule).toBe('session-unknown');

    const other = emulator.mintToken('viPrivateTs2');
    expect((await fetch(withAvh(other.urls.thumbnail, avh))).status).toBe(404);
    expect(emulator.log().at(-1)?.rule).toBe('session-mismatch');

    const madeUp = urls.session.replace(privateToken, '00000000-0000-4000-8000-000000000000');
    expect((await fetch(madeUp)).status).toBe(404);
    expect(emulator.log().at(-1)?.rule).toBe('token-unknown');

    const foreign = `${emulator.url}/vod/viPrivateFmp4/token/${other.privateToken}/session`;
    expect((await fetch(foreign)).status).toBe(404);
    expect(emulator.log().at(-1)?.rule).toBe('token-unknown');
  });

  it('refuses a session used with the right token on a path of another of its tokens (same video)', async () => {
    const emulator = await emulatorForTest();
    const { avh } = await openSession(emulator, 'viPrivateTs');
    const second = emulator.mintToken('viPrivateTs');
    expect((await fetch(withAvh(second.urls.thumbnail, avh))).status).toBe(404);
    expect(emulator.log().at(-1)?.rule).toBe('session-mismatch');
  });

  it('logs the avh it acted on when avh is repeated: the first, as the rules read it', async () => {
    const emulator = await emulatorForTest();
    const { urls, avh } = await openSession(emulator, 'viPrivateTs');
    for (const [query, status, rule] of [
      [`avh=not-a-session&avh=${avh}`, 404, 'session-unknown'],
      [`avh=${avh}&avh=not-a-session`, 200, 'signed'],
    ] as const) {
      expect((await fetch(`${urls.thumbnail}?${query}`)).status, query).toBe(status);
      expect(emulator.log().at(-1), query).toMatchObject({
        rule,
        query: { avh: query.slice(4).split('&')[0] },
      });
    }
  });

  it('refuses an expired session', async () => {
    const emulator = await emulatorForTest();
    const { urls, avh } = await openSession(emulator, 'viPrivateTs');
    expect((await fetch(withAvh(urls.thumbnail, avh))).status).toBe(200);
    expect(emulator.expireSessions({ sessionToken: avh })).toEqual({ expired: 1 });
    expect((await fetch(withAvh(urls.thumbnail, avh))).status).toBe(404);
    expect(emulator.log().at(-1)?.rule).toBe('session-expired');
  });

  it('refuses a private video requested without any token', async () => {
    const emulator = await emulatorForTest();
    const response = await fetch(`${emulator.url}/vod/viPrivateTs/thumbnail.jpg`);
    expect(response.status).toBe(404);
    expect(emulator.log().at(-1)?.rule).toBe('token-missing');
  });
});

describe('public video delivery', () => {
  it('serves public videos at /vod/{id}/… with no token, any number of times', async () => {
    const emulator = await emulatorForTest();
    for (const path of ['thumbnail.jpg', 'mp4/source.mp4', 'hls/manifest.m3u8', 'hls/v0/seg_000.ts']) {
      for (let i = 0; i < 2; i += 1) {
        const response = await fetch(`${emulator.url}/vod/viPublicTs/${path}`);
        expect(response.status, path).toBe(200);
        await response.arrayBuffer();
      }
    }
    const fmp4 = await fetch(`${emulator.url}/vod/viPublicFmp4/hls/manifest.m3u8`);
    expect(await fmp4.text()).toContain('TYPE=SUBTITLES');
    expect(new Set(emulator.log().map((entry) => entry.rule))).toEqual(new Set(['public']));
  });

  it('has no sessions and no token paths for public videos', async () => {
    const emulator = await emulatorForTest();
    expect((await fetch(`${emulator.url}/vod/viPublicTs/token/abc/session`)).status).toBe(404);
    expect((await fetch(`${emulator.url}/vod/viPublicTs/token/abc/thumbnail.jpg`)).status).toBe(404);
  });
});

describe('HTTP details', () => {
  const mp4Size = statSync(join(builtInMediaRoot, 'source.mp4')).size;

  it('answers a Range request on the mp4 with 206 and Content-Range', async () => {
    const emulator = await emulatorForTest();
    const response = await fetch(`${emulator.url}/vod/viPublicTs/mp4/source.mp4`, {
      headers: { Range: 'bytes=100-199' },
    });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 100-199/${mp4Size}`);
    expect(response.headers.get('content-length')).toBe('100');
    expect((await response.arrayBuffer()).byteLength).toBe(100);
  });

  it('answers open-ended and suffix ranges, and 416 for an unsatisfiable one', async () => {
    const emulator = await emulatorForTest();
    const url = `${emulator.url}/vod/viPublicTs/mp4/source.mp4`;
    const tail = await fetch(url, { headers: { Range: 'bytes=-10' } });
    expect(tail.headers.get('content-range')).toBe(`bytes ${mp4Size - 10}-${mp4Size - 1}/${mp4Size}`);
    await tail.arrayBuffer();
    const open = await fetch(url, { headers: { Range: `bytes=${mp4Size - 5}-` } });
    expect(open.status).toBe(206);
    expect((await open.arrayBuffer()).byteLength).toBe(5);
    const beyond = await fetch(url, { headers: { Range: `bytes=${mp4Size}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${mp4Size}`);
  });

  it('honours If-Range (RFC 9110 §13.1.5): a range only while the validator matches, else the whole file', async () => {
    const emulator = await emulatorForTest();
    const url = `${emulator.url}/vod/viPublicTs/mp4/source.mp4`;
    const whole = await fetch(url);
    const lastModified = whole.headers.get('last-modified') ?? '';
    await whole.arrayBuffer();
    const current = await fetch(url, { headers: { Range: 'bytes=0-9', 'If-Range': lastModified } });
    expect(current.status).toBe(206);
    expect((await current.arrayBuffer()).byteLength).toBe(10);
    // A cache holding bytes of another version (another date, or an entity tag, which the emulator never
    // sends) must get the whole file, or it would splice two versions together.
    for (const stale of ['Thu, 01 Jan 1970 00:00:00 GMT', '"an-etag"', 'W/"an-etag"']) {
      const response = await fetch(url, { headers: { Range: 'bytes=0-9', 'If-Range': stale } });
      expect(response.status, stale).toBe(200);
      expect(response.headers.get('content-range'), stale).toBeNull();
      expect((await response.arrayBuffer()).byteLength, stale).toBe(mp4Size);
    }
  });

  it('ranges segments too', async () => {
    const emulator = await emulatorForTest();
    const response = await fetch(`${emulator.url}/vod/viPublicTs/hls/v0/seg_001.ts`, {
      headers: { Range: 'bytes=0-187' },
    });
    expect(response.status).toBe(206);
    expect(new Uint8Array(await response.arrayBuffer())[0]).toBe(0x47); // TS sync byte
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const emulator = await emulatorForTest();
    const response = await rawRequest(emulator.url, '/vod/viPublicTs/mp4/source.mp4', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBe(String(mp4Size));
    expect(response.headers['content-type']).toBe('video/mp4');
    expect(response.headers['accept-ranges']).toBe('bytes');
    expect(response.body.length).toBe(0);
    const segment = await rawRequest(emulator.url, '/vod/viPublicFmp4/hls/240p/seg_002.m4s', {
      method: 'HEAD',
    });
    expect(segment.status).toBe(200);
    expect(segment.body.length).toBe(0);
  });

  it('sends CORS headers, exposes Content-Range and answers preflights with 204', async () => {
    const emulator = await emulatorForTest();
    const response = await fetch(`${emulator.url}/vod/viPublicTs/mp4/source.mp4`, {
      headers: { Range: 'bytes=0-0' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toContain('Content-Range');
    await response.arrayBuffer();
    const preflight = await fetch(`${emulator.url}/vod/viPublicTs/mp4/source.mp4`, {
      method: 'OPTIONS',
      headers: { 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'range' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('range');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('GET');
  });

  it('sends no Content-Length with 204 (RFC 9110) nor with a 304 fault', async () => {
    const emulator = await emulatorForTest({ control: true });
    const preflight = await rawRequest(emulator.url, '/vod/viPublicTs/mp4/source.mp4', { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['content-length']).toBeUndefined();
    const cleared = await rawRequest(emulator.url, '/__emulator/log', { method: 'DELETE' });
    expect(cleared.status).toBe(204);
    expect(cleared.headers['content-length']).toBeUndefined();
    emulator.addFault({ match: { kind: 'thumbnail', videoId: 'viPublicTs' }, status: 304 });
    const notModified = await rawRequest(emulator.url, '/vod/viPublicTs/thumbnail.jpg');
    expect(notModified.status).toBe(304);
    expect(notModified.headers['content-length']).toBeUndefined();
    const refused = await rawRequest(emulator.url, '/vod/viPrivateTs/thumbnail.jpg');
    expect(refused.status).toBe(404);
    expect(refused.headers['content-length']).toBe('0');
  });

  it('marks playlists no-store', async () => {
    const emulator = await emulatorForTest();
    const response = await fetch(`${emulator.url}/vod/viPublicTs/hls/v0/index.m3u8`);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
