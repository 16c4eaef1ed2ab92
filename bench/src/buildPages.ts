import { readdirSync } from 'node:fs';
import { build } from 'esbuild';
import { esbuildOptions } from './esbuildOptions';
import { buildDir, pagesDir } from './paths';

export type PageVariant = 'dev' | 'prod';

/**
 * Builds every `pages/*.tsx` twice: `dev` (React's development build, the only one where StrictMode
 * mounts effects twice, for the session counts) and `prod` (what users ship, for every timing).
 */
export async function buildPages(): Promise<void> {
  const entryPoints = readdirSync(pagesDir)
    .filter((file) => file.endsWith('.tsx'))
    .map((file) => `${pagesDir}/${file}`);
  await Promise.all(
    (['dev', 'prod'] as const).map((variant) =>
      build({
        ...esbuildOptions(variant === 'dev' ? 'development' : 'production'),
        entryPoints,
        outdir: `${buildDir}/pages/${variant}`,
        metafile: false,
      }),
    ),
  );
}
