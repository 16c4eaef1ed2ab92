/**
 * Writes `avh` into every child URI of an HLS playlist: URI lines and the `URI="…"` attribute of any tag
 * (EXT-X-KEY, EXT-X-MAP, EXT-X-MEDIA, EXT-X-I-FRAME-STREAM-INF…). Native HLS players cannot add query
 * parameters themselves, so this is the only way they can play a private video.
 * Only relative URIs and absolute ones on `origin` are signed, so the session never leaks to other hosts.
 */
export function signPlaylist(text: string, avh: string, origin?: string): string {
  return text
    .split('\n')
    .map((line) => {
      const trimmed = line.trim();
      if (trimmed === '') return line;
      if (trimmed.startsWith('#')) {
        return line.replace(/URI="([^"]*)"/g, (_, uri: string) => `URI="${signUri(uri, avh, origin)}"`);
      }
      return signUri(trimmed, avh, origin) + (line.endsWith('\r') ? '\r' : '');
    })
    .join('\n');
}

const relativeBase = 'http://relative.invalid';

/** Sets (never appends) `avh` on one URI, keeping its other parameters and fragment. */
export function signUri(uri: string, avh: string, origin?: string): string {
  // Where a player goes, read as it reads it: the URL parser drops spaces and tabs and takes `\` for `/`, so
  // `\\host/a.ts`, `/\host/a.ts` and ` //host/a.ts` name another host, as `//host/a.ts` does. A relative URI
  // stays on the base (an `.invalid` host, which no real URI names); data:, skd:// and other hosts leave it.
  let target: string;
  try {
    target = new URL(uri, `${relativeBase}/`).origin;
  } catch {
    return uri;
  }
  if (target !== relativeBase && target !== origin) return uri;
  const hash = uri.indexOf('#');
  const fragment = hash === -1 ? '' : uri.slice(hash);
  const withoutFragment = hash === -1 ? uri : uri.slice(0, hash);
  const mark = withoutFragment.indexOf('?');
  const path = mark === -1 ? withoutFragment : withoutFragment.slice(0, mark);
  const params = new URLSearchParams(mark === -1 ? '' : withoutFragment.slice(mark + 1));
  params.set('avh', avh);
  return `${path}?${params.toString()}${fragment}`;
}
