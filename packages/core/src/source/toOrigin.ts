import { PrivateVideoError } from '../errors/PrivateVideoError.js';

const hostnamePattern = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i;

/**
 * Normalises a custom delivery domain: a bare hostname means https, a full origin is kept as it is
 * (so `http://127.0.0.1:4010` works for a local server). Paths, queries and credentials are refused
 * because the session token must only ever go to that one origin.
 */
export function toOrigin(domain: string): string {
  const input = domain.trim().replace(/\/+$/, '');
  if (hostnamePattern.test(input)) return `https://${input.toLowerCase()}`;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw invalidDomain(domain);
  }
  const hasExtras = url.pathname !== '/' || url.search || url.hash || url.username || url.password;
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || hasExtras) throw invalidDomain(domain);
  return url.origin;
}

function invalidDomain(domain: string): PrivateVideoError {
  return new PrivateVideoError(
    'invalid-source',
    `Invalid delivery domain ${JSON.stringify(domain)}: expected a hostname or an origin such as "http://127.0.0.1:4010".`,
  );
}
