import { stat } from 'node:fs/promises';
import { contentType } from './contentType.js';
import type { Reply } from './reply.js';

/**
 * A reply serving a whole file or one byte range of it (players seek mp4 with `Range`).
 * Multi-range and malformed `Range` headers are ignored, as RFC 9110 allows: the whole file is sent.
 */
export async function fileReply(
  file: string,
  rangeHeader: string | undefined,
  rule: string,
  headers: Record<string, string> = {},
  ifRange?: string,
): Promise<Reply> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return { status: 404, rule: 'not-found' };
  const size = info.size;
  const lastModified = info.mtime.toUTCString();
  const base = {
    'Content-Type': contentType(file),
    'Accept-Ranges': 'bytes',
    'Last-Modified': lastModified,
    ...headers,
  };
  // RFC 9110 §13.1.5: a Range under an If-Range that does not match (another date, or any entity tag: none
  // is ever sent) is ignored, so a cache never splices bytes of two versions of the file.
  const rangeApplies = ifRange === undefined || ifRange.trim() === lastModified;
  const range = rangeApplies ? parseRange(rangeHeader, size) : null;
  if (range === 'unsatisfiable') {
    return { status: 416, rule, headers: { ...base, 'Content-Range': `bytes */${size}` } };
  }
  if (range) {
    return {
      status: 206,
      rule,
      headers: { ...base, 'Content-Range': `bytes ${range.start}-${range.end}/${size}` },
      body: { file, ...range },
    };
  }
  return { status: 200, rule, headers: base, body: { file, start: 0, end: size - 1 } };
}

/** One `bytes=` range, clamped to the file; null when absent or not a single well-formed range. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}
