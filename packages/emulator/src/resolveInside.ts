import { realpath, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';

/**
 * The existing file at `root/segments…`, or null. Refuses hidden names and anything whose real path
 * (symlinks followed) leaves `root`: the emulator never serves a file outside its media folders.
 */
export async function resolveInside(root: string, segments: string[]): Promise<string | null> {
  if (segments.length === 0 || segments.some((segment) => segment.startsWith('.') || segment.includes(sep))) {
    return null;
  }
  try {
    const realRoot = await realpath(root);
    const real = await realpath(resolve(realRoot, ...segments));
    if (!real.startsWith(realRoot + sep)) return null;
    return (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}
