import type { IncomingMessage } from 'node:http';

/**
 * Which page origins may read the API's and the control API's answers (and drive the control API): every
 * loopback page, plus `corsOrigins`. Delivery is readable from any origin, as api.video's is.
 */
export interface OriginTrust {
  /** `corsOrigins: ['*']`: every origin, as before the API and control routes were restricted. */
  any: boolean;
  /** Exact origins of `corsOrigins`, serialized (`http://app.test:3000`). */
  origins: ReadonlySet<string>;
}

/** Response headers a page may read, beside the CORS-safelisted ones. */
const EXPOSE_HEADERS =
  'Content-Range, Content-Length, Accept-Ranges, Content-Type, Cache-Control, Date, Last-Modified, Retry-After, X-Emulator-Rule';

/** Delivery (and what matches no route): readable from every origin, as a player on any site needs. */
export const publicCorsHeaders: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': EXPOSE_HEADERS,
};

/** The request's `Origin` header, or undefined when it has none (Node, curl, a same-origin GET). */
export function requestOrigin(req: IncomingMessage): string | undefined {
  const origin = req.headers.origin;
  return typeof origin === 'string' ? origin : undefined;
}

/**
 * CORS headers of an API or control answer: the request's `Origin` echoed when trusted, none otherwise (the
 * browser then keeps the answer from the page). `Vary: Origin` either way, so no cache hands an answer to
 * another origin.
 */
export function trustedCorsHeaders(origin: string | undefined, trust: OriginTrust): Record<string, string> {
  if (origin === undefined || !isTrustedOrigin(origin, trust)) return { Vary: 'Origin' };
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': EXPOSE_HEADERS,
    Vary: 'Origin',
  };
}

/** Whether a page of `origin` (an `Origin` header's value) may read API and control answers. */
export function isTrustedOrigin(origin: string, trust: OriginTrust): boolean {
  return trust.any || trust.origins.has(origin) || isLoopbackOrigin(origin);
}

/**
 * An http(s) origin on this machine: `localhost`, `*.localhost` (browsers resolve both to loopback),
 * `127.0.0.0/8` or `[::1]`. Only a serialized origin, as browsers send it: `http://127.0.0.1.evil.example`,
 * `http://localhost.evil.example` and `http://localhost:5173/path` are not.
 */
export function isLoopbackOrigin(origin: string): boolean {
  const url = parseUrl(origin);
  if (!url || url.origin !== origin || (url.protocol !== 'http:' && url.protocol !== 'https:')) return false;
  const host = url.hostname;
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

/**
 * `corsOrigins` as trust, or a message saying what it accepts: exact http(s) origins (a trailing `/` is
 * dropped), or `'*'` for every origin. A path or a wildcard host would never match a page's origin, so it
 * is refused, not ignored.
 */
export function parseCorsOrigins(value: unknown): { trust: OriginTrust } | { error: string } {
  if (value === undefined) return { trust: { any: false, origins: new Set() } };
  if (!Array.isArray(value)) {
    return { error: `corsOrigins must be an array of origins, got ${JSON.stringify(value)}` };
  }
  const origins = new Set<string>();
  let any = false;
  for (const [index, entry] of value.entries()) {
    if (entry === '*') {
      any = true;
      continue;
    }
    const origin = parseOrigin(entry);
    if (origin === undefined) {
      return {
        error: `corsOrigins[${index}] must be an http(s) origin such as http://app.test:3000, without path, query or fragment, or "*"; got ${JSON.stringify(entry)}`,
      };
    }
    origins.add(origin);
  }
  return { trust: { any, origins } };
}

/** An http(s) origin, serialized (`HTTP://App.test:80/` → `http://app.test`), or undefined. */
export function parseOrigin(value: unknown): string | undefined {
  if (typeof value !== 'string' || /[?#*]/.test(value)) return undefined;
  const url = parseUrl(value);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return undefined;
  return url.pathname === '/' && url.username === '' && url.password === '' ? url.origin : undefined;
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
