import { PrivateVideoError } from '../errors/PrivateVideoError.js';
import { createVideoRef } from './createVideoRef.js';
import type { DeliveryDomains, VideoRef, VideoRefInit } from './VideoRef.js';

const iframeSrcPattern = /<iframe\b[^>]*?\bsrc\s*=\s*(["'])(.*?)\1/i;
const publicLivePattern = /^(li[\w-]+?)(\.m3u8)?$/;

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
    return parseVideoUrl(
      src
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'"),
      domains,
    );
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw unrecognised(input, 'it is not an absolute URL');
  }
  if (!/^https?:$/.test(url.protocol)) throw unrecognised(input, 'it is not http(s)');
  let segments: string[];
  try {
    segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    throw unrecognised(input, 'its path is not valid percent-encoding');
  }
  const [first, second, third, fourth] = segments;
  const { origin } = url;
  // The embed player names no delivery origin: https://embed.api.video/vod/{videoId}?token={privateToken}
  const embed = url.hostname.startsWith('embed.');
  const queryToken = url.searchParams.get('token') ?? undefined;
  const publicLiveId = publicLivePattern.exec(first ?? '')?.[1];
  const init: VideoRefInit | undefined =
    first === 'vod' && second
      ? third === 'token' && fourth
        ? { videoId: second, privateToken: fourth, domains: { vod: origin } }
        : third
          ? { videoId: second, domains: { vod: origin } }
          : { videoId: second, privateToken: queryToken, domains: { vod: embed ? undefined : origin } }
      : first === 'live' && second && !third && embed
        ? { videoId: second, privateToken: queryToken, live: true }
        : first === 'private' && second && third
          ? {
              videoId: third.replace(/\.m3u8$/, ''),
              privateToken: second,
              live: true,
              domains: { live: origin },
            }
          : publicLiveId
            ? { videoId: publicLiveId, live: true, domains: { live: origin } }
            : undefined;
  if (init === undefined) throw unrecognised(input, 'its path matches no api.video asset');
  return createVideoRef(init, domains);
}

function unrecognised(input: string, reason: string): PrivateVideoError {
  const shown = input.length > 100 ? `${input.slice(0, 100)}…` : input;
  return new PrivateVideoError(
    'invalid-source',
    `Cannot read an api.video video from ${JSON.stringify(shown)}: ${reason}. Expected an asset, embed or live URL, or assets.iframe.`,
  );
}
