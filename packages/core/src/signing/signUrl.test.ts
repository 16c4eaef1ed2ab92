import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVideoRef } from '../source/createVideoRef.js';
import { isVideoAssetUrl, signUrl } from './signUrl.js';

const ref = createVideoRef({ videoId: 'vi1', privateToken: 'pt1' });
const base = 'https://vod.api.video/vod/vi1/token/pt1';
const sign = (url: string) => signUrl(url, { ref, sessionToken: 'st-1' });

describe('signUrl', () => {
  it('adds avh to an asset of the video', () => {
    expect(sign(`${base}/thumbnail.jpg`)).toBe(`${base}/thumbnail.jpg?avh=st-1`);
  });

  it('replaces an existing avh instead of adding a second one', () => {
    expect(sign(`${base}/hls/manifest.m3u8?avh=old&x=1&avh=older`)).toBe(
      `${base}/hls/manifest.m3u8?x=1&avh=st-1`,
    );
  });

  it('replaces an avh however its name is percent-encoded: the delivery reads the first one', () => {
    expect(sign(`${base}/thumbnail.jpg?%61vh=old&x=1&av%68=older`)).toBe(
      `${base}/thumbnail.jpg?x=1&avh=st-1`,
    );
  });

  it('keeps every other parameter byte for byte, and the hash', () => {
    expect(sign(`${base}/mp4/source.mp4?a=%20b+c&empty=&flag#t=10`)).toBe(
      `${base}/mp4/source.mp4?a=%20b+c&empty=&flag&avh=st-1#t=10`,
    );
  });

  it('encodes the session token', () => {
    expect(signUrl(`${base}/thumbnail.jpg`, { ref, sessionToken: 'a&b=c' })).toBe(
      `${base}/thumbnail.jpg?avh=a%26b%3Dc`,
    );
  });

  it.each([
    ['another origin', 'https://evil.example.com/vod/vi1/token/pt1/thumbnail.jpg'],
    ['another scheme on the same host', 'http://vod.api.video/vod/vi1/token/pt1/thumbnail.jpg'],
    ['another port', 'https://vod.api.video:8443/vod/vi1/token/pt1/thumbnail.jpg'],
    ['another video', 'https://vod.api.video/vod/vi2/token/pt1/thumbnail.jpg'],
    ['another private token', 'https://vod.api.video/vod/vi1/token/pt2/thumbnail.jpg'],
    // Prefixes of the token path are no token path: only a `/` after it goes below it.
    [
      'another private token that starts with this one',
      'https://vod.api.video/vod/vi1/token/pt12/thumbnail.jpg',
    ],
    ['the token path as a playlist: only a live stream has one', `${base}.m3u8`],
    ['the public path of the video', 'https://vod.api.video/vod/vi1/thumbnail.jpg'],
    ['a path that escapes the video', `${base}/../../vi2/token/pt1/thumbnail.jpg`],
    ['a data: URL', 'data:text/plain,hello'],
    ['a blob: URL', 'blob:https://vod.api.video/5f1e'],
    ['a relative URL', 'thumbnail.jpg'],
    ['an unparsable URL', 'https://[bad'],
  ])('leaves %s unchanged', (_case, url) => {
    expect(sign(url)).toBe(url);
  });

  it('signs nothing for a public video', () => {
    const publicRef = createVideoRef({ videoId: 'vi1' });
    const url = 'https://vod.api.video/vod/vi1/thumbnail.jpg';
    expect(signUrl(url, { ref: publicRef, sessionToken: 'st-1' })).toBe(url);
  });

  it('moves URLs on a previous token path to the current token', () => {
    const renewed = createVideoRef({ videoId: 'vi1', privateToken: 'pt2' });
    const url = `${base}/hls/360p/seg_003.ts?avh=st-1`;
    expect(signUrl(url, { ref: renewed, sessionToken: 'st-2', previousTokens: ['pt1'] })).toBe(
      'https://vod.api.video/vod/vi1/token/pt2/hls/360p/seg_003.ts?avh=st-2',
    );
  });

  it('signs private live playlists and what lies below them, on the live origin', () => {
    const live = createVideoRef({ videoId: 'li1', privateToken: 'pt1', live: true });
    const signLive = (url: string) => signUrl(url, { ref: live, sessionToken: 'st' });
    expect(signLive('https://live.api.video/private/pt1/li1.m3u8')).toBe(
      'https://live.api.video/private/pt1/li1.m3u8?avh=st',
    );
    expect(signLive('https://live.api.video/private/pt1/li1/seg_1.ts')).toBe(
      'https://live.api.video/private/pt1/li1/seg_1.ts?avh=st',
    );
    expect(signLive('https://live.api.video/private/pt1/li2.m3u8')).toBe(
      'https://live.api.video/private/pt1/li2.m3u8',
    );
    // Another live stream whose id starts with this one's.
    expect(signLive('https://live.api.video/private/pt1/li12.m3u8')).toBe(
      'https://live.api.video/private/pt1/li12.m3u8',
    );
    expect(signLive('https://vod.api.video/private/pt1/li1.m3u8')).toBe(
      'https://vod.api.video/private/pt1/li1.m3u8',
    );
  });

  it("isVideoAssetUrl tells the video's own assets apart", () => {
    expect(isVideoAssetUrl(`${base}/thumbnail.jpg`, ref)).toBe(true);
    expect(isVideoAssetUrl(`${base}/thumbnail.jpg?avh=x`, ref)).toBe(true);
    expect(isVideoAssetUrl('https://cdn.example.com/x.jpg', ref)).toBe(false);
  });
});

describe('signUrl properties', () => {
  const foreignOrigin = fc.webUrl().filter((url) => {
    try {
      return new URL(url).origin !== 'https://vod.api.video';
    } catch {
      return true;
    }
  });

  it('never touches a URL of a foreign origin', () => {
    fc.assert(
      fc.property(
        foreignOrigin,
        fc.string(),
        (url, token) => signUrl(url, { ref, sessionToken: token }) === url,
      ),
    );
  });

  it('never touches any string that is not an http(s) URL of the video', () => {
    fc.assert(
      fc.property(
        fc.string(),
        (text) => sign(text) === text || text.startsWith('https://vod.api.video/vod/vi1/token/pt1/'),
      ),
    );
  });

  it('leaves exactly one avh, equal to the session token, on any asset URL of the video', () => {
    const query = fc.array(
      fc
        .tuple(
          fc.constantFrom('avh', '%61vh', 'av%68', '%61%76%68', 'x', 'token', 'AVH', 'avhx', '%41VH'),
          fc.string({ maxLength: 8 }),
        )
        .map(([key, value]) => `${key}=${encodeURIComponent(value)}`),
      { maxLength: 6 },
    );
    const path = fc.array(
      fc.stringMatching(/^[a-z0-9_.-]{1,8}$/).filter((s) => !/^\.+$/.test(s)),
      {
        minLength: 1,
        maxLength: 4,
      },
    );
    fc.assert(
      fc.property(path, query, fc.stringMatching(/^[\x21-\x7e]{1,40}$/), (segments, pairs, token) => {
        const url = `${base}/${segments.join('/')}${pairs.length > 0 ? `?${pairs.join('&')}` : ''}`;
        const signed = new URL(signUrl(url, { ref, sessionToken: token }));
        expect(signed.searchParams.getAll('avh')).toEqual([token]);
        expect(isVideoAssetUrl(url, ref)).toBe(true);
        const others = (u: URL) => [...u.searchParams].filter(([key]) => key !== 'avh');
        expect(others(signed)).toEqual(others(new URL(url)));
      }),
    );
  });
});
