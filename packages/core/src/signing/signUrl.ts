import { toAssetBase } from '../source/assetUrls.js';
import type { VideoRef } from '../source/VideoRef.js';

/** What `signUrl` signs with: the video, its session token, and its earlier private tokens. */
export interface SigningTarget {
  /** The video whose session signs; its `privateToken` is the current one. */
  ref: VideoRef;
  /** The session token, sent as `avh`. */
  sessionToken: string;
  /**
   * Private tokens this video had before a renewal. URLs still on their paths (an engine resolved them
   * from an old manifest) move to the current token's path, or the delivery would answer 404.
   */
  previousTokens?: readonly string[] | undefined;
}

/**
 * Sets `avh` on a URL of this video's own delivery origin and token path: replaces an existing `avh`
 * (never duplicates it), keeps every other parameter byte for byte, and keeps the hash. Any other
 * origin or path, public videos, `data:`, `blob:`, relative or unparsable URLs come back unchanged, so
 * the session token never reaches a third party.
 */
export function signUrl(url: string, { ref, sessionToken, previousTokens = [] }: SigningTarget): string {
  if (ref.privateToken === undefined || !/^https?:/i.test(url)) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  // Compared with the URLs the builders make, so origin, id and token are checked as one prefix.
  const path = parsed.origin + parsed.pathname;
  for (const privateToken of [ref.privateToken, ...previousTokens]) {
    const base = toAssetBase({ ...ref, privateToken });
    const rest = path.startsWith(base) ? path.slice(base.length) : '';
    // A file below the token path; for a live stream also its playlist, `{base}.m3u8`.
    if (rest[0] === '/' || (ref.live && rest === '.m3u8')) {
      // Names are compared decoded, as the delivery reads them: `%61vh=` is an avh too.
      const kept = parsed.search
        .slice(1)
        .split('&')
        .filter((pair) => pair && !new URLSearchParams(pair).has('avh'));
      const search = [...kept, `avh=${encodeURIComponent(sessionToken)}`].join('&');
      return `${toAssetBase(ref)}${rest}?${search}${parsed.hash}`;
    }
  }
  return url;
}

/** Is this URL one of the video's private assets (on its origin and under one of its token paths)? */
export function isVideoAssetUrl(url: string, ref: VideoRef, previousTokens: readonly string[] = []): boolean {
  // Two tokens: a URL already signed with the one token would come back unchanged.
  const sign = (sessionToken: string) => signUrl(url, { ref, sessionToken, previousTokens });
  return sign('a') !== sign('b');
}
