import { existsSync } from 'node:fs';
import { benchRoot } from '../paths';
import { type BundleSizes, measureBundle } from './measureBundle';
import { type SizeEntry, sizeEntries } from './sizeEntries';

export interface SizeResult extends Omit<SizeEntry, 'entry' | 'notCounted'> {
  sizes?: BundleSizes;
  /** Why it was not measured (a peer that is not installed). */
  skipped?: string;
}

/** Linked into `bench/node_modules` by pnpm (their `exports` may hide `package.json` from `require.resolve`). */
function isInstalled(name: string): boolean {
  return existsSync(`${benchRoot}node_modules/${name}/package.json`);
}

/** Every size entry, built by esbuild in this run; peers that are not installed are reported as skipped. */
export async function measureSizes(): Promise<SizeResult[]> {
  const results: SizeResult[] = [];
  for (const { entry, notCounted, ...info } of sizeEntries) {
    if (info.requires && !isInstalled(info.requires)) {
      results.push({ ...info, skipped: `${info.requires} is not installed in bench/` });
      continue;
    }
    results.push({ ...info, sizes: await measureBundle(info.id, entry, notCounted) });
  }
  return results;
}
