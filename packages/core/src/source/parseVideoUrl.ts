import { invalidSource } from '../errors/invalidSource.js';
import type { PrivateVideoError } from '../errors/PrivateVideoError.js';
import { createVideoRef } from './createVideoRef.js';
import type { DeliveryDomains, VideoRef, VideoRefInit } from './VideoRef.js';

/**
 * Reads a video reference out of any api.video URL: vod assets (thumbnail, mp4, hls, session, any file
 * under the token path), the embed player URL, the `assets.iframe` HTML, private and public live URLs.
 * The URL's own origin becomes the delivery domain, so custom domains and local servers just work;
 * embed URLs (which carry no delivery origin) use `domains` or the defaults.
 */
export function parseVideoUrl(input: string, domains?: Partial<DeliveryDomains>): VideoRef {
  const text = input.trim();
  if (text.startsWith('<')) {
    // `src` after a space: not `data-src` (lazy-loading markup), nor a `src` inside another attribute's
    // quoted value, which may hold a `>` (`title="Q&A > part 1"`). No `<` on the way, so that each `<iframe`
    // is read up to the next tag only (the time stays linear in the text's length).
    const src = /<iframe\b(?:[^<>"']|"[^"<]*"|'[^'<]*')*?\ssrc\s*=\s*(["'])(.*?)\1/i.exec(text)?.[2];
    if (src === undefined) throw unrecognised('HTML with no <iframe src>');
    // The entities an HTML attribute value may use in a URL: numeric ones too (WordPress's `esc_url` writes
    // `&#038;`), else the `#` would end the URL there and drop a `token` after it: a private video read as public.
    return parseVideoUrl(
      // In one pass: what one entity gives is text (`&#38;amp;` is `&amp;`, not `&`).
      src.replace(/&(?:#(x?[\da-f]+)|(amp)|quot);/gi, (_, code?: string, amp?: string) =>
        code ? String.fromCharCode(+`0${code}`) : amp ? '&' : '"',
      ),
      domains,
    );
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw unrecognised('not an absolute URL');
  }
  if (!/^https?:$/.test(url.protocol)) throw unrecognised('not http(s)');
  let segments: string[];
  try {
    segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    throw unrecognised('bad percent-encoding');
  }
  const init = toRefInit(url, segments);
  if (init === undefined) throw unrecognised('path matches no api.video asset');
  return createVideoRef(init, domains);
}

/** Which reference each URL shape names; `undefined` for paths that are no api.video asset. */
function toRefInit(url: URL, [first, second, third, fourth]: string[]): VideoRefInit | undefined {
  const { origin } = url;
  // Embed player URLs carry the token in the query and name no delivery origin.
  const embed = url.hostname.startsWith('embed.');
  const queryToken = url.searchParams.get('token') ?? undefined;
  // …/vod/{videoId}/token/{privateToken}/{asset}, …/vod/{videoId}/{asset} (a public video), or the embed
  // player https://embed.api.video/vod/{videoId}?token={privateToken}. A token path cut short is no asset (no
  // public asset is named `token`).
  if (first === 'vod' && second && (third !== 'token' || fourth)) {
    return {
      videoId: second,
      privateToken: third === 'token' ? fourth : third ? undefined : queryToken,
      domains: { vod: embed && !third ? undefined : origin },
    };
  }
  // https://embed.api.video/live/{liveStreamId}?token={privateToken}
  if (first === 'live' && second && !third && embed)
    return { videoId: second, privateToken: queryToken, live: true };
  // …/private/{privateToken}/{liveStreamId}.m3u8 (or a file below it)
  if (first === 'private' && second && third) {
    return {
      videoId: third.replace(/\.m3u8$/, ''),
      privateToken: second,
      live: true,
      domains: { live: origin },
    };
  }
  // …/{liveStreamId}.m3u8 or …/{liveStreamId}/thumbnail.jpg: a public live stream. On the raw path: builders
  // never percent-encode an id, and an encoded `/` is no separator. A public live stream has no path prefix
  // of its own, so only its two own URLs name one (ids start with `li`): any other path of any origin
  // (`/lion`, `/lib/x.js`) is no live stream.
  const publicLiveId = /^\/(li[\w-]+)(\.m3u8|\/thumbnail\.jpg)$/.exec(url.pathname)?.[1];
  return publicLiveId ? { videoId: publicLiveId, live: true, domains: { live: origin } } : undefined;
}

/** The input is never shown: a URL that cannot be read may still carry a private token nobody spent. */
function unrecognised(reason: string): PrivateVideoError {
  return invalidSource(`source (${reason})`, 'an api.video asset, embed or live URL, or assets.iframe');
}
