import { describe, expect, it } from 'vitest';
import { toHlsUrl } from './assetUrls.js';
import { toVideoRef } from './toVideoRef.js';

const token = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

describe('toVideoRef', () => {
  it('builds a reference from { videoId, privateToken } with the default domains', () => {
    expect(toVideoRef({ videoId: 'vi1', privateToken: token })).toEqual({
      videoId: 'vi1',
      privateToken: token,
      live: false,
      domains: { vod: 'https://vod.api.video', live: 'https://live.api.video' },
    });
  });

  it('normalises custom domains given as hostnames or origins', () => {
    const ref = toVideoRef({
      videoId: 'vi1',
      domains: { vod: 'Cdn.Example.com', live: 'http://127.0.0.1:4010/' },
    });
    expect(ref.domains).toEqual({ vod: 'https://cdn.example.com', live: 'http://127.0.0.1:4010' });
  });

  it('reads the API video object, taking the token and the delivery origin from its assets', () => {
    const base = `http://127.0.0.1:4010/vod/vi1/token/${token}`;
    const video = {
      videoId: 'vi1',
      public: false,
      assets: {
        iframe: `<iframe src="https://embed.api.video/vod/vi1?token=${token}"></iframe>`,
        player: `https://embed.api.video/vod/vi1?token=${token}`,
        hls: `${base}/hls/manifest.m3u8`,
        thumbnail: `${base}/thumbnail.jpg`,
        mp4: `${base}/mp4/source.mp4`,
      },
    };
    expect(toVideoRef(video)).toMatchObject({
      videoId: 'vi1',
      privateToken: token,
      domains: { vod: 'http://127.0.0.1:4010' },
    });
  });

  it('reads a public API video object as a reference without a token', () => {
    const video = {
      videoId: 'vi2',
      public: true,
      assets: { hls: 'https://vod.api.video/vod/vi2/hls/manifest.m3u8' },
    };
    expect(toVideoRef(video).privateToken).toBeUndefined();
  });

  it('reads the API live stream object', () => {
    const live = {
      liveStreamId: 'li9',
      public: false,
      assets: { hls: `https://live.api.video/private/${token}/li9.m3u8` },
    };
    expect(toVideoRef(live)).toMatchObject({ videoId: 'li9', privateToken: token, live: true });
  });

  it('reads a live stream named by videoId with live: true (a source of @private-video/server)', () => {
    const live = {
      videoId: 'li9',
      live: true,
      public: false,
      assets: {
        hls: `http://127.0.0.1:4010/private/${token}/li9.m3u8`,
        thumbnail: `http://127.0.0.1:4010/private/${token}/li9/thumbnail.jpg`,
      },
    };
    expect(toVideoRef(live)).toEqual({
      videoId: 'li9',
      privateToken: token,
      live: true,
      domains: { vod: 'https://vod.api.video', live: 'http://127.0.0.1:4010' },
    });
  });

  it('takes tokens and ids that only start or end like "undefined" or "null"', () => {
    for (const word of ['undefined1', 'xnull', 'nullx', 'Undefined'])
      expect(toVideoRef({ videoId: word, privateToken: word })).toMatchObject({
        videoId: word,
        privateToken: word,
      });
  });

  it('refuses a private API object whose assets carry no token', () => {
    expect(() =>
      toVideoRef({ videoId: 'vi1', public: false, assets: { player: 'https://example.com/x' } }),
    ).toThrow(/private video "vi\w+": expected an asset URL with its private token/);
  });

  it.each([
    ['no assets', { videoId: 'vi1', public: false }],
    ['assets: undefined', { videoId: 'vi1', public: false, assets: undefined }],
  ])(
    'refuses a private API object with %s (it was read as a public video, whose URLs all answer 404)',
    (_case, video) => {
      expect(() => toVideoRef(video)).toThrow(
        /private video "vi1": expected an asset URL with its private token/,
      );
    },
  );

  it.each([
    [
      'a snake_case API object',
      {
        video_id: 'vi1',
        public: false,
        assets: { hls: `https://vod.api.video/vod/vi1/token/${token}/hls/manifest.m3u8` },
      },
    ],
    [
      'an API object without its id',
      { assets: { hls: `https://vod.api.video/vod/vi1/token/${token}/hls/manifest.m3u8` } },
    ],
    [
      'a reference spread with liveStreamId: undefined',
      { liveStreamId: undefined, videoId: 'vi1', privateToken: token },
    ],
  ])('refuses %s with a typed error, not a TypeError', (_case, source) => {
    expect(() => toVideoRef(source as never)).toThrow(expect.objectContaining({ code: 'invalid-source' }));
  });

  it('refuses assets of another video', () => {
    const video = {
      videoId: 'vi1',
      public: false,
      assets: { hls: `https://vod.api.video/vod/vi2/token/${token}/hls/manifest.m3u8` },
    };
    expect(() => toVideoRef(video)).toThrow(
      /private video "vi1": expected an asset URL with its private token/,
    );
  });

  it.each([
    [null, /Invalid source null: expected a URL/],
    [42, /Invalid source 42: expected a URL/],
    [{ videoId: '' }, /Invalid videoId/],
    [{ videoId: 'vi1', privateToken: 'has space' }, /Invalid privateToken/],
    [{ videoId: 'vi1', privateToken: '..' }, /Invalid privateToken/],
    // A missing value made into text by a template: `?token=${token}`, `/vod/${id}`.
    [{ videoId: 'vi1', privateToken: 'undefined' }, /Invalid privateToken/],
    [{ videoId: 'vi1', privateToken: 'null' }, /Invalid privateToken/],
    ['https://embed.api.video/vod/vi1?token=undefined', /Invalid privateToken/],
    [{ videoId: 'undefined' }, /Invalid videoId "undefined"/],
    [{ videoId: 'null', privateToken: token }, /Invalid videoId "null"/],
    [{ videoId: 'vi1', domains: { vod: 'https://cdn.example.com/path' } }, /Invalid delivery domain/],
    [{ videoId: 'vi1', domains: { vod: 'javascript:alert(1)' } }, /Invalid delivery domain/],
    [{ videoId: 'vi1', domains: { vod: 'ftp://cdn.example.com' } }, /Invalid delivery domain/],
    [{ videoId: 'vi1', domains: { vod: 'wss://cdn.example.com' } }, /Invalid delivery domain/],
    [{ videoId: 'vi1', domains: { vod: 'https://user:pw@cdn.example.com' } }, /Invalid delivery domain/],
    [{ videoId: 'vi1', domains: { vod: 'https://cdn.example.com?x=1' } }, /Invalid delivery domain/],
    [{ videoId: 'vi1', domains: { vod: 'https://cdn.example.com#x' } }, /Invalid delivery domain/],
    // The scheme alone (`https://${host}` with an empty host): it was read as the host "https".
    [{ videoId: 'vi1', domains: { vod: 'https://' } }, /Invalid delivery domain/],
    [{ videoId: 'vi1', domains: { vod: 'http://' } }, /Invalid delivery domain/],
    [{ videoId: 'vi1', domains: { vod: 'https:///' } }, /Invalid delivery domain/],
  ])('refuses %j with a clear message', (input, message) => {
    expect(() => toVideoRef(input as never)).toThrow(message);
  });

  // Inputs a message cannot quote as JSON (a cycle, a BigInt) or should not (a function's code).
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  it.each([
    ['a function', () => 'vi1', /^Invalid source \(function\): expected a URL/],
    ['a BigInt id', { videoId: 1n }, /^Invalid videoId 1: expected an api\.video id/],
    ['an object id', { videoId: cyclic }, /^Invalid videoId \(object\): expected an api\.video id/],
    [
      'a cyclic domain',
      { videoId: 'vi1', domains: { vod: cyclic } },
      /^Invalid delivery domain \(object\): /,
    ],
  ])('refuses %s with the typed error (not a TypeError of its message)', (_name, input, message) => {
    expect(() => toVideoRef(input as never)).toThrow(
      expect.objectContaining({ code: 'invalid-source', message: expect.stringMatching(message) }),
    );
  });

  it.each([
    ['cdn.example.com', 'https://cdn.example.com'],
    [' https://cdn.example.com/ ', 'https://cdn.example.com'],
    ['https://cdn.example.com:443', 'https://cdn.example.com'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['HTTPS://CDN.Example.com', 'https://cdn.example.com'],
  ])('reads the delivery domain %j as the origin %s', (vod, origin) => {
    expect(toVideoRef({ videoId: 'vi1', domains: { vod } }).domains.vod).toBe(origin);
  });

  it('is the way to a reference: the URL builders take no object typed by hand, whose domains are unchecked', () => {
    const typed = {
      videoId: 'vi1',
      live: false,
      domains: { vod: 'cdn.example.com', live: 'live.example.com' },
    };
    // @ts-expect-error: a bare hostname would make a relative URL; `toVideoRef` makes it an origin
    expect(toHlsUrl(typed)).toBe('cdn.example.com/vod/vi1/hls/manifest.m3u8');
    expect(toHlsUrl(toVideoRef(typed))).toBe('https://cdn.example.com/vod/vi1/hls/manifest.m3u8');
  });

  describe('quotes no token in its errors: an asset URL given where it does not belong carries one, maybe unspent', () => {
    const messageOf = (run: () => unknown): string => {
      try {
        run();
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('no error');
    };
    const player = `https://embed.api.video/vod/vi1?autoplay=1&token=${token}`;
    const hls = `https://vod.api.video/vod/vi1/token/${token}/hls/manifest.m3u8?avh=st-secret`;

    it('as videoId (<PrivateVideoPlayer videoId={video.assets.player} />), saying what it got', () => {
      const message = messageOf(() => toVideoRef({ videoId: player }));
      expect(message).toBe(
        'Invalid videoId "https://embed.api.video/vod/vi1?autoplay=1&token=…": expected an api.video id (vi… or li…).',
      );
    });

    it('as a delivery domain, nor the session token of a signed one', () => {
      const message = messageOf(() => toVideoRef({ videoId: 'vi1', domains: { vod: hls } }));
      expect(message).toContain('"https://vod.api.video/vod/vi1/token/…/hls/manifest.m3u8?avh=…"');
      expect(message).not.toMatch(new RegExp(`${token}|st-secret`));
    });
  });

  it("names a bad delivery domain of the caller's, not the API object whose assets it made unreadable", () => {
    const live = {
      liveStreamId: 'li1',
      public: false,
      assets: {
        hls: `https://live.api.video/private/${token}/li1.m3u8`,
        player: `https://embed.api.video/live/li1?token=${token}`,
      },
    };
    const domains = { vod: 'https://cdn.example.com/vod' }; // a path: refused
    expect(() => toVideoRef({ videoId: 'li1', privateToken: token, live: true }, domains)).toThrow(
      'Invalid delivery domain "https://cdn.example.com/vod"',
    );
    expect(() => toVideoRef(live, domains)).toThrow('Invalid delivery domain "https://cdn.example.com/vod"');
  });
});
