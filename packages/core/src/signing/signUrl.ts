import type { VideoRef } from '../source/VideoRef.js';

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
export function signUrl(url: string, target: SigningTarget): string {
  const { ref } = target;
  if (ref.privateToken === undefined || !/^https?:/i.test(url)) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const origin = ref.live ? ref.domains.live : ref.domains.vod;
  if (parsed.origin !== origin) return url;
  const path = toCurrentTokenPath(parsed.pathname, ref, target.previousTokens ?? []);
  if (path === undefined) return url;
  return `${origin}${path}${withAvh(parsed.search, target.sessionToken)}${parsed.hash}`;
}

/** Is this URL one of the video's private assets (on its origin and under one of its token paths)? */
export function isVideoAssetUrl(url: string, ref: VideoRef, previousTokens: readonly string[] = []): boolean {
  return signUrl(url, { ref, sessionToken: 'x', previousTokens }) !== url;
}

function toCurrentTokenPath(
  pathname: string,
  ref: VideoRef,
  previousTokens: readonly string[],
): string | undefined {
  const segments = pathname.split('/');
  const current = ref.privateToken!;
  const id = encodeURIComponent(ref.videoId);
  const isKnownToken = (token: string | undefined): token is string =>
    token === current || (token !== undefined && previousTokens.includes(token));

  if (!ref.live) {
    // ['', 'vod', id, 'token', privateToken, ...rest]
    const [, vod, videoId, tokenKeyword, token] = segments;
    if (vod !== 'vod' || videoId !== id || tokenKeyword !== 'token' || !isKnownToken(token)) return undefined;
    if (segments.length < 6) return undefined;
    segments[4] = current;
    return segments.join('/');
  }
  // ['', 'private', privateToken, `${id}.m3u8`] or ['', 'private', privateToken, id, ...rest]
  const [, privateKeyword, token, name] = segments;
  if (privateKeyword !== 'private' || !isKnownToken(token)) return undefined;
  const isPlaylist = segments.length === 4 && name === `${id}.m3u8`;
  const isBelow = segments.length > 4 && name === id;
  if (!isPlaylist && !isBelow) return undefined;
  segments[2] = current;
  return segments.join('/');
}

function withAvh(search: string, sessionToken: string): string {
  const kept = search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && pair !== 'avh' && !pair.startsWith('avh='));
  kept.push(`avh=${encodeURIComponent(sessionToken)}`);
  return `?${kept.join('&')}`;
}
