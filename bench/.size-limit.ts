/**
 * Size budgets, enforced in CI by `pnpm --filter bench run test:size` (exits non-zero over budget).
 * Sizes are minified ESM, gzip -9, built by esbuild with the bench's own options: workspace packages
 * come from their sources through the `@private-video/source` condition, which esbuild compiles to
 * the same ES2022 as the published `dist` (checked: within a byte or two of bundling `dist`).
 * size-limit bundles each check into one file (no code splitting), so what an app loads lazily (engines,
 * the video.js element code) is left out of these checks; `npm run bench` measures those chunks.
 */
import type { BuildOptions } from 'esbuild';
import type { SizeLimitConfig } from 'size-limit';
import { esbuildOptions } from './src/esbuildOptions';
import { lazyChunksLeftOut } from './src/sizes/lazyChunksLeftOut';

/** size-limit's own options (entry, outdir, externals, metafile) win; ours add format, target, conditions. */
function ours(config: BuildOptions): BuildOptions {
  const {
    splitting: _splitting,
    metafile: _metafile,
    write: _write,
    ...options
  } = esbuildOptions('production');
  return { ...options, ...config, plugins: [...(config.plugins ?? []), lazyChunksLeftOut] };
}

const react = ['react', 'react-dom'];

/**
 * React's own entry file. A page that re-exported it (`export * from '@private-video/react'`) would make
 * esbuild bundle its `export * from '@private-video/core'` (core being external here) through a runtime
 * re-export helper, about 0.3 kB gzip that no app ships: bundled, core's unused exports are dropped;
 * published, the line stays a plain `export *`.
 */
const reactIndex = '../packages/react/src/index.ts';

// The targets of issue #7 are core ≤ 3 kB, react ≤ 4 kB and a thumbnail-only page ≤ 6 kB. Today's
// code is over them (see bench/README.md): these limits are today's sizes plus a little, so CI stops any
// growth while the gap is closed. Lower them as the code shrinks; never raise them without a reason.

export default [
  {
    name: 'core: sessions + signing ({ SessionClient, toVideoRef })',
    path: 'size-pages/core-session.ts',
    limit: '4.8 kB', // target: 3 kB
  },
  {
    name: 'react: whole index, without React, core and engines',
    path: reactIndex,
    ignore: [...react, '@private-video/core'],
    limit: '4.25 kB', // target: 4 kB
  },
  {
    name: 'page: thumbnail only, over React',
    path: 'size-pages/thumbnail-page.tsx',
    ignore: react,
    limit: '7.1 kB', // target: 6 kB
  },
].map((check) => ({ ...check, gzip: true, modifyEsbuildConfig: ours })) satisfies SizeLimitConfig;
