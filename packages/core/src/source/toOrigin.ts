import { invalidSource } from '../errors/invalidSource.js';
import { toShown } from '../errors/toShown.js';

/**
 * Normalises a custom delivery domain: a bare hostname means https, a full origin is kept as it is
 * (so `http://127.0.0.1:4010` works for a local server). Paths, queries and credentials are refused
 * because the session token must only ever go to that one origin.
 */
export function toOrigin(domain: string): string {
  // Slashes stay until the scheme is known: `https://` (an empty host) is no hostname `https:`.
  const input = String(domain).trim();
  try {
    const url = new URL(input.includes('://') ? input : `https://${input}`);
    // Only the origin itself: no path, query, hash or credentials.
    if (/^https?:$/.test(url.protocol) && url.origin === url.href.replace(/\/+$/, '')) {
      return url.origin;
    }
  } catch {
    // refused below
  }
  throw invalidSource(`delivery domain ${toShown(domain)}`, 'a hostname or an http(s) origin');
}
