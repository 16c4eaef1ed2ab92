/** A request target split into decoded path segments, or the reason it was refused. */
export type RequestTarget =
  | { ok: true; path: string; segments: string[]; query: URLSearchParams }
  | { ok: false; path: string };

/**
 * Parses the raw `req.url` by hand. `new URL()` would normalise `..` and `%2e%2e` away and hide a
 * traversal attempt; here any dot segment, encoded slash or backslash, NUL or empty segment is refused.
 */
export function parseRequestTarget(rawUrl: string | undefined): RequestTarget {
  const url = originForm(rawUrl ?? '');
  const hash = url.indexOf('#');
  const withoutHash = hash === -1 ? url : url.slice(0, hash);
  const mark = withoutHash.indexOf('?');
  const path = mark === -1 ? withoutHash : withoutHash.slice(0, mark);
  const rawQuery = mark === -1 ? '' : withoutHash.slice(mark + 1);
  if (!path.startsWith('/') || /%2f|%5c|%00|\\|\0/i.test(path)) return { ok: false, path };
  if (path === '/') return { ok: true, path, segments: [], query: new URLSearchParams(rawQuery) };

  const segments: string[] = [];
  for (const raw of path.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, path };
    }
    if (segment === '' || segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) {
      return { ok: false, path };
    }
    segments.push(segment);
  }
  return { ok: true, path, segments, query: new URLSearchParams(rawQuery) };
}

/**
 * RFC 9112 §3.2.2: a server MUST accept the absolute-form (`GET http://host/path`), which some clients send
 * through proxies; its path and query are then read as the origin-form's. An empty path is `/`.
 */
function originForm(url: string): string {
  const authority = /^https?:\/\/[^/?#]*/i.exec(url);
  if (!authority) return url;
  const rest = url.slice(authority[0].length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}
