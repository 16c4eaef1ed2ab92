import { PrivateVideoError } from '../errors/PrivateVideoError.js';
import { createVideoRef } from './createVideoRef.js';
import type { DeliveryDomains, VideoRef } from './VideoRef.js';

const iframeSrcPattern = /<iframe\b[^>]*?\bsrc\s*=\s*(["'])(.*?)\1/i;
const liveIdSegment = /^(li[A-Za-z0-9_-]+?)(\.m3u8)?$/;

/**
 * Reads a video reference out of any api.video URL: vod assets (thumbnail, mp4, hls, session, any file
 * under the token path), the embed player URL, the `assets.iframe` HTML, private and public live URLs.
 * The URL's own origin becomes the delivery domain, so custom domains and local servers just work;
 * embed URLs (which carry no delivery origin) use `domains` or the defaults.
 */
export function parseVideoUrl(input: string, domains?: Partial<DeliveryDomains>): VideoRef {
  const text = input.trim();
  if (text.startsWith('<')) {
    const src = iframeSrcPattern.exec(text)?.[2];
    if (src === undefined) throw unrecognised(input, 'the HTML has no <iframe src="…">');
    return parseVideoUrl(decodeHtmlEntities(src), domains);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw unrecognised(input, 'it is not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw unrecognised(input, 'it is not http(s)');

  const segments = pathSegments(url, input);
  const [first, second, third, fourth] = segments;
  const isEmbedHost = url.hostname.startsWith('embed.');
  const queryToken = url.searchParams.get('token') ?? undefined;

  if (first === 'vod' && second !== undefined) {
    if (third === 'token' && fourth !== undefined) {
      return createVideoRef({ videoId: second, privateToken: fourth, domains: { vod: url.origin } }, domains);
    }
    if (third === undefined) {
      // The embed player URL: https://embed.api.video/vod/{videoId}?token={privateToken}
      const vod = isEmbedHost ? undefined : url.origin;
      return createVideoRef({ videoId: second, privateToken: queryToken, domains: { vod } }, domains);
    }
    return createVideoRef({ videoId: second, domains: { vod: url.origin } }, domains);
  }
  if (first === 'live' && second !== undefined && third === undefined && isEmbedHost) {
    return createVideoRef({ videoId: second, privateToken: queryToken, live: true }, domains);
  }
  if (first === 'private' && second !== undefined && third !== undefined) {
    const liveId = liveIdSegment.exec(third)?.[1] ?? third.replace(/\.m3u8$/, '');
    return createVideoRef(
      { videoId: liveId, privateToken: second, live: true, domains: { live: url.origin } },
      domains,
    );
  }
  const publicLiveId = first === undefined ? undefined : liveIdSegment.exec(first)?.[1];
  if (publicLiveId !== undefined) {
    return createVideoRef({ videoId: publicLiveId, live: true, domains: { live: url.origin } }, domains);
  }
  throw unrecognised(input, 'its path matches no api.video asset');
}

function pathSegments(url: URL, input: string): string[] {
  try {
    return url.pathname
      .split('/')
      .filter((segment) => segment !== '')
      .map((segment) => decodeURIComponent(segment));
  } catch {
    throw unrecognised(input, 'its path is not valid percent-encoding');
  }
}

function decodeHtmlEntities(value: string): string {
  return value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

function unrecognised(input: string, reason: string): PrivateVideoError {
  const shown = input.length > 100 ? `${input.slice(0, 100)}…` : input;
  return new PrivateVideoError(
    'invalid-source',
    `Cannot read an api.video video from ${JSON.stringify(shown)}: ${reason}. Expected an asset, embed or live URL, or assets.iframe.`,
  );
}
