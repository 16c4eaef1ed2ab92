import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/** Minified bytes and gzip -9 bytes of one output file: the same compression size-limit uses. */
export function fileSizes(path: string): { min: number; gzip: number } {
  const bytes = readFileSync(path);
  return { min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}
