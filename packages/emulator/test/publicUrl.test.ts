import { describe, expect, it } from 'vitest';
import type { EmulatorOptions } from '../src/emulatorOptions.js';
import { formatBanner } from '../src/formatBanner.js';
import { parseCliArgs } from '../src/parseCliArgs.js';
import { emulatorForTest, rawRequest } from './helpers.js';

/** How another container of a docker-compose network reaches the emulator. */
const PUBLIC = 'http://emulator:4010';

/** Bound to every interface, as in a container; reached from this process through loopback. */
async function containerEmulator(options: EmulatorOptions = {}) {
  const emulator = await emulatorForTest({ host: '0.0.0.0', publicUrl: PUBLIC, ...options });
  return { emulator, local: `http://127.0.0.1:${emulator.port}` };
}

const basic = `Basic ${Buffer.from('emulator-api-key:').toString('base64')}`;

describe('publicUrl: the origin of every URL the emulator gives out', () => {
  it('is the url of the handle and the origin of minted tokens, for videos and live streams', async () => {
    const { emulator } = await containerEmulator();
    expect(emulator.url).toBe(PUBLIC);
    const vod = emulator.mintToken('viPrivateTs');
    const live = emulator.mintToken('liPrivateLive');
    for (const url of [...Object.values(vod.urls), ...Object.values(live.urls)]) {
      expect(url.startsWith(`${PUBLIC}/`), url).toBe(true);
    }
  });

  it('is the origin of the assets of API responses, never 127.0.0.1', async () => {
    const { local } = await containerEmulator();
    const get = async (path: string) =>
      (await fetch(`${local}${path}`, { headers: { Authorization: basic } })).text();
    const bodies = [
      await get('/videos'),
      await get('/videos/viPrivateFmp4'),
      await get('/videos/viPublicTs'),
      await get('/live-streams'),
      await get('/live-streams/liPrivateLive'),
    ];
    for (const body of bodies) {
      expect(body).toContain(`"${PUBLIC}/`);
      expect(body).not.toMatch(/127\.0\.0\.1|0\.0\.0\.0/);
    }
    const video = JSON.parse(bodies[1] ?? '{}') as {
      assets: { hls: string; mp4: string; thumbnail: string };
    };
    expect(video.assets.hls).toMatch(
      /^http:\/\/emulator:4010\/vod\/viPrivateFmp4\/token\/[^/]+\/hls\/manifest\.m3u8$/,
    );
  });

  it('is the origin the banner prints', async () => {
    const { emulator } = await containerEmulator();
    const minted = new Map([['viPrivateTs', emulator.mintToken('viPrivateTs')]]);
    const banner = formatBanner(emulator, minted, { host: '0.0.0.0', publicUrl: PUBLIC });
    expect(banner).toContain(`${PUBLIC}/vod/viPrivateTs/token/`);
    expect(banner).toContain(`${PUBLIC}/vod/viPublicTs/hls/manifest.m3u8`);
    expect(banner).toContain(`port ${emulator.port}`);
    expect(banner).not.toContain('127.0.0.1');
  });

  it('delivery answers whatever Host the request used', async () => {
    const { emulator, local } = await containerEmulator({ manifestSigning: true });
    const minted = emulator.mintToken('viPrivateFmp4');
    const path = (url: string) => url.slice(PUBLIC.length);
    for (const host of ['emulator:4010', `127.0.0.1:${emulator.port}`, 'elsewhere.test']) {
      const { urls } = emulator.mintToken('viPrivateTs');
      const session = await rawRequest(local, path(urls.session), { headers: { Host: host } });
      expect(session.status, host).toBe(200);
      const { session_token: avh } = JSON.parse(session.body.toString()) as { session_token: string };
      const mp4 = await rawRequest(local, `${path(urls.mp4 ?? '')}?avh=${avh}`, { headers: { Host: host } });
      expect(mp4.status, host).toBe(200);
    }
    const session = await fetch(`${local}${path(minted.urls.session)}`);
    const { session_token: avh } = (await session.json()) as { session_token: string };
    const master = await fetch(`${local}${path(minted.urls.hls)}?avh=${avh}`);
    expect(master.status).toBe(200);
    // Signed as before: child URIs are relative.
    expect(await master.text()).toContain(`?avh=${avh}`);
  });

  it('takes a trailing slash, and keeps a default 127.0.0.1 url without it', async () => {
    const withSlash = await emulatorForTest({ publicUrl: 'https://emulator.test/' });
    expect(withSlash.url).toBe('https://emulator.test');
    expect(withSlash.mintToken('viPrivateTs').urls.session).toMatch(/^https:\/\/emulator\.test\/vod\//);
    const plain = await emulatorForTest({ host: '0.0.0.0' });
    expect(plain.url).toBe(`http://127.0.0.1:${plain.port}`);
  });

  it('refuses what is not an http(s) origin, with what it accepts', async () => {
    for (const publicUrl of [
      'emulator:4010',
      'ftp://emulator:4010',
      'http://emulator:4010/base',
      'http://emulator:4010/?x=1',
      'http://emulator:4010?',
      'http://emulator:4010#top',
      'http://user:pw@emulator:4010',
      '',
      42,
    ]) {
      const error = await emulatorForTest({ publicUrl } as EmulatorOptions).then(
        () => new Error('started'),
        (reason: unknown) => reason as Error,
      );
      expect(error, String(publicUrl)).toBeInstanceOf(RangeError);
      expect(error.message).toBe(
        `publicUrl must be an http(s) origin such as http://emulator:4010, without path, query or fragment; got ${JSON.stringify(publicUrl)}`,
      );
    }
  });

  it('is the CLI flag --public-url', () => {
    expect(parseCliArgs(['--host', '0.0.0.0', '--public-url', PUBLIC])).toMatchObject({
      options: { host: '0.0.0.0', publicUrl: PUBLIC },
    });
    expect(parseCliArgs([])).not.toHaveProperty('options.publicUrl');
  });
});
