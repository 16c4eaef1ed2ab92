import type { BuildOptions } from 'esbuild';

/**
 * How every bench bundle is built, pages and size entries alike: browser ESM with code splitting (so
 * the engines stay lazy chunks, as in a user's app), minified. Workspace packages resolve to their
 * TypeScript sources through the `@private-video/source` condition, so no `pnpm build` is needed and
 * esbuild compiles exactly what `tsc` would ship (same ES2022 target, no down-levelling).
 */
export function esbuildOptions(mode: 'development' | 'production'): BuildOptions {
  return {
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    // Setting `conditions` drops esbuild's implicit `module`; keep it for packages that rely on it.
    conditions: ['@private-video/source', 'module'],
    jsx: 'automatic',
    minify: mode === 'production',
    define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
    write: true,
  };
}
