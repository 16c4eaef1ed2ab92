import { describe, expect, it } from 'vitest';
import { signPlaylist, signUri } from '../src/playlistSigner.js';
import { emulatorForTest, openSession, withAvh } from './helpers.js';

describe('signPlaylist', () => {
  it('signs URI lines and URI attributes of EXT-X-KEY, EXT-X-MAP and EXT-X-MEDIA', () => {
    const playlist = [
      '#EXTM3U',
      '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="en",URI="audio/index.m3u8"',
      '#EXT-X-MAP:URI="init_0.mp4"',
      '#EXT-X-KEY:METHOD=AES-128,URI="../enc.key",IV=0x01',
      '#EXTINF:2.0,',
      'seg_000.m4s?x=1',
      '',
    ].join('\n');
    expect(signPlaylist(playlist, 'S')).toBe(
      [
        '#EXTM3U',
        '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="en",URI="audio/index.m3u8?avh=S"',
        '#EXT-X-MAP:URI="init_0.mp4?avh=S"',
        '#EXT-X-KEY:METHOD=AES-128,URI="../enc.key?avh=S",IV=0x01',
        '#EXTINF:2.0,',
        'seg_000.m4s?x=1&avh=S',
        '',
      ].join('\n'),
    );
  });

  it('replaces an existing avh and leaves other hosts and data: URIs alone', () => {
    expect(signUri('a.ts?avh=old', 'new')).toBe('a.ts?avh=new');
    expect(signUri('https://cdn.example/a.ts', 'S', 'http://127.0.0.1:1')).toBe('https://cdn.example/a.ts');
    expect(signUri('http://127.0.0.1:1/a.ts', 'S', 'http://127.0.0.1:1')).toBe(
      'http://127.0.0.1:1/a.ts?avh=S',
    );
    expect(signUri('data:text/plain,x', 'S')).toBe('data:text/plain,x');
    expect(signUri('//cdn.example/a.ts', 'S')).toBe('//cdn.example/a.ts');
  });

  it('leaves a URI that is no URL alone: no player can load it', () => {
    for (const uri of ['http://cdn example/a.ts', 'https://[::1/a.ts', 'http://127.0.0.1:99999/a.ts']) {
      expect(() => new URL(uri, 'http://127.0.0.1:1/vod/vi1/hls/'), uri).toThrow(TypeError);
      expect(signUri(uri, 'S', 'http://127.0.0.1:1'), uri).toBe(uri);
    }
  });

  // A browser (and hls.js, VHS, native players: they all resolve with the URL parser) reads each of these as
  // `//cdn.example/…`: another host, which must not get the session.
  it.each([
    ['backslashes', '\\\\cdn.example/a.ts'],
    ['a slash and a backslash', '/\\cdn.example/a.ts'],
    ['a backslash and a slash', '\\/cdn.example/a.ts'],
    ['a leading space', ' //cdn.example/a.ts'],
    ['a tab between the slashes', '/\t/cdn.example/a.ts'],
    ['a scheme after a space', ' https://cdn.example/a.ts'],
    ['a tab in the scheme', 'ht\ttps://cdn.example/a.ts'],
  ])('leaves a scheme-relative URI written with %s alone', (_case, uri) => {
    expect(new URL(uri, 'http://127.0.0.1:1/vod/vi1/hls/').host).toBe('cdn.example');
    expect(signUri(uri, 'S', 'http://127.0.0.1:1')).toBe(uri);
    expect(signUri(uri, 'S')).toBe(uri);
    expect(signPlaylist(`#EXT-X-KEY:METHOD=AES-128,URI="${uri}"\n${uri}\n`, 'S')).not.toContain('avh=S');
  });
});

describe('manifestSigning option', () => {
  it('is off by default: playlists are served as stored', async () => {
    const emulator = await emulatorForTest();
    const { urls, avh } = await openSession(emulator, 'viPrivateFmp4');
    expect(await (await fetch(withAvh(urls.hls, avh))).text()).not.toContain('avh=');
  });

  it('writes avh into every child URI, so a native player can follow them unaided', async () => {
    const emulator = await emulatorForTest({ manifestSigning: true });
    const { urls, avh } = await openSession(emulator, 'viPrivateFmp4');
    const master = await (await fetch(withAvh(urls.hls, avh))).text();
    expect(master).toContain(`URI="audio/index.m3u8?avh=${avh}"`);
    expect(master).toContain(`URI="subs/index.m3u8?avh=${avh}"`);
    expect(master).toContain(`\n360p/index.m3u8?avh=${avh}`);
    const variantUrl = new URL(`360p/index.m3u8?avh=${avh}`, urls.hls).toString();
    const variant = await (await fetch(variantUrl)).text();
    expect(variant).toContain(`#EXT-X-MAP:URI="init_0.mp4?avh=${avh}"`);
    expect(variant).toContain(`URI="../enc.key?avh=${avh}"`);
    // Follow every child URI as written, like a native player would: all are allowed.
    for (const line of variant.split('\n').filter((l) => l && !l.startsWith('#'))) {
      expect((await fetch(new URL(line, variantUrl))).status).toBe(200);
    }
    const key = /URI="([^"]+)"/.exec(variant.split('\n').find((l) => l.startsWith('#EXT-X-KEY')) ?? '')?.[1];
    expect((await fetch(new URL(key ?? '', variantUrl))).status).toBe(200);
  });

  it('signs the private live playlist too', async () => {
    const emulator = await emulatorForTest({ manifestSigning: true });
    const { urls, avh } = await openSession(emulator, 'liPrivateLive');
    const playlist = await (await fetch(withAvh(urls.hls, avh))).text();
    expect(playlist).toMatch(new RegExp(`liPrivateLive/seg_\\d+\\.ts\\?avh=${avh}`));
  });
});
