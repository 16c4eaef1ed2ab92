import { describe, expect, it } from 'vitest';
import { PrivateVideoError } from '../errors/PrivateVideoError.js';
import { parseVideoUrl } from './parseVideoUrl.js';

const token = '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d';

describe('parseVideoUrl', () => {
  it.each([
    ['thumbnail', `https://vod.api.video/vod/vi123/token/${token}/thumbnail.jpg`],
    ['mp4', `https://vod.api.video/vod/vi123/token/${token}/mp4/source.mp4`],
    ['hls', `https://vod.api.video/vod/vi123/token/${token}/hls/manifest.m3u8`],
    ['session', `https://vod.api.video/vod/vi123/token/${token}/session`],
    ['signed segment', `https://vod.api.video/vod/vi123/token/${token}/hls/360p/seg_001.ts?avh=abc`],
    ['embed player', `https://embed.api.video/vod/vi123?token=${token}`],
  ])('reads a private vod reference from the %s URL', (_kind, url) => {
    expect(parseVideoUrl(url)).toEqual({
      videoId: 'vi123',
      privateToken: token,
      live: false,
      domains: { vod: 'https://vod.api.video', live: 'https://live.api.video' },
    });
  });

  it('reads the assets.iframe HTML, decoding entities in its src', () => {
    const html = `<iframe src="https://embed.api.video/vod/vi123?token=${token}&amp;autoplay=1" width="100%" height="100%" frameborder="0" scrolling="no" allowfullscreen="true"></iframe>`;
    expect(parseVideoUrl(html)).toMatchObject({ videoId: 'vi123', privateToken: token, live: false });
  });

  it.each(['&#38;', '&#038;', '&#x26;'])(
    'decodes %s ("&" as WordPress writes it) before the token: the video is private, not public',
    (amp) => {
      const html = `<iframe src="https://embed.api.video/vod/vi123?autoplay=1${amp}token=${token}"></iframe>`;
      expect(parseVideoUrl(html)).toMatchObject({ videoId: 'vi123', privateToken: token });
    },
  );

  it('decodes an entity once: an escaped "&amp;" stays as text', () => {
    const html = `<iframe src="https://embed.api.video/vod/vi123?token=${token}&amp;amp;x=1"></iframe>`;
    expect(parseVideoUrl(html).privateToken).toBe(token);
    const doubled = `<iframe src="https://embed.api.video/vod/vi123?a=1&amp;#38;token=${token}"></iframe>`;
    expect(parseVideoUrl(doubled).privateToken).toBeUndefined(); // "&#38;" is text there: `#` ends the URL
    const numeric = `<iframe src="https://embed.api.video/vod/vi123?a=1&#38;amp;token=${token}"></iframe>`;
    expect(parseVideoUrl(numeric).privateToken).toBeUndefined(); // "&amp;token=…" is text: a parameter "amp;token"
  });

  it('reads an iframe whose earlier attribute holds a ">" (valid HTML), not a "src" inside a value', () => {
    const src = `https://embed.api.video/vod/vi123?token=${token}`;
    const html = `<iframe title="Q&amp;A > part 1" src="${src}" width="100%"></iframe>`;
    expect(parseVideoUrl(html)).toMatchObject({ videoId: 'vi123', privateToken: token });
    const quoted = `<iframe title='see src="https://embed.api.video/vod/viOther"' src="${src}"></iframe>`;
    expect(parseVideoUrl(quoted).videoId).toBe('vi123');
  });

  it('reads the src of an iframe, not its data-src (lazy-loading markup)', () => {
    const src = `https://embed.api.video/vod/vi123?token=${token}`;
    const other = `https://embed.api.video/vod/viOther?token=${token}`;
    expect(parseVideoUrl(`<iframe data-src="${other}" src="${src}"></iframe>`).videoId).toBe('vi123');
    expect(
      parseVideoUrl(`<iframe loading="lazy" data-src="about:blank" src="${src}"></iframe>`).videoId,
    ).toBe('vi123');
  });

  it('reads public vod URLs as references without a token', () => {
    expect(parseVideoUrl('https://vod.api.video/vod/vi123/hls/manifest.m3u8')).toMatchObject({
      videoId: 'vi123',
      privateToken: undefined,
      live: false,
    });
    expect(parseVideoUrl('https://embed.api.video/vod/vi123').privateToken).toBeUndefined();
  });

  it('reads private and public live URLs', () => {
    expect(parseVideoUrl(`https://live.api.video/private/${token}/li77.m3u8`)).toMatchObject({
      videoId: 'li77',
      privateToken: token,
      live: true,
    });
    expect(parseVideoUrl(`https://live.api.video/private/${token}/li77/thumbnail.jpg`)).toMatchObject({
      videoId: 'li77',
      privateToken: token,
      live: true,
    });
    expect(parseVideoUrl('https://live.api.video/li77.m3u8')).toMatchObject({ videoId: 'li77', live: true });
    expect(parseVideoUrl('https://live.api.video/li77/thumbnail.jpg')).toMatchObject({
      videoId: 'li77',
      privateToken: undefined,
      live: true,
    });
    expect(parseVideoUrl(`https://embed.api.video/live/li77?token=${token}`)).toMatchObject({
      videoId: 'li77',
      privateToken: token,
      live: true,
    });
  });

  it('takes the delivery origin from the URL itself (custom domains, a local emulator)', () => {
    const local = parseVideoUrl(`http://127.0.0.1:4010/vod/vi123/token/${token}/thumbnail.jpg`);
    expect(local.domains.vod).toBe('http://127.0.0.1:4010');
    const custom = parseVideoUrl(`https://videos.example.com/private/${token}/li1.m3u8`);
    expect(custom.domains.live).toBe('https://videos.example.com');
    const customPublic = parseVideoUrl('https://videos.example.com/li1.m3u8');
    expect(customPublic).toMatchObject({
      videoId: 'li1',
      live: true,
      domains: { live: 'https://videos.example.com' },
    });
  });

  it('uses the given domains for embed URLs, which name no delivery origin', () => {
    const ref = parseVideoUrl(`https://embed.api.video/vod/vi123?token=${token}`, { vod: 'cdn.example.com' });
    expect(ref.domains.vod).toBe('https://cdn.example.com');
  });

  it.each([
    ['not a URL', 'vi123', 'not an absolute URL'],
    ['another scheme', 'ftp://vod.api.video/vod/vi123/token/x/thumbnail.jpg', 'not http(s)'],
    ['an unknown path', 'https://vod.api.video/videos/vi123', 'matches no api.video asset'],
    ['a token path cut short', 'https://vod.api.video/vod/vi123/token/', 'matches no api.video asset'],
    ['HTML without an iframe', '<div>video</div>', 'no <iframe src'],
    ['a bad token', 'https://vod.api.video/vod/vi123/token/a%20b/thumbnail.jpg', 'Invalid privateToken'],
    ['a bad id', 'https://vod.api.video/vod/vi%24%24/thumbnail.jpg', 'Invalid videoId'],
    // A public live stream names itself only by its manifest and thumbnail: other paths that start with `li`
    // are someone else's files.
    ['a word that starts with li', 'https://example.com/lion', 'matches no api.video asset'],
    [
      'a file under a folder that starts with li',
      'https://cdn.example.com/lib/x.js',
      'matches no api.video asset',
    ],
    ['a live stream id without .m3u8', 'https://live.api.video/li77', 'matches no api.video asset'],
    [
      'a manifest below another folder',
      'https://live.api.video/li77/extra/li77.m3u8',
      'matches no api.video asset',
    ],
    ['a manifest that is no live stream', 'https://cdn.example.com/index.m3u8', 'matches no api.video asset'],
    [
      'an encoded slash in a live path',
      'https://live.api.video/li77%2Fthumbnail.jpg',
      'matches no api.video asset',
    ],
    ['broken percent-encoding', 'https://vod.api.video/vod/vi%E0%A4%A/thumbnail.jpg', 'percent-encoding'],
  ])('refuses %s with a typed invalid-source error that says why', (_case, input, reason) => {
    const error = catchError(() => parseVideoUrl(input));
    expect(error).toBeInstanceOf(PrivateVideoError);
    expect(error).toMatchObject({ code: 'invalid-source' });
    expect((error as Error).message).toContain(reason);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
