import type { Plugin } from 'esbuild';

/**
 * For one-file bundles (no code splitting), where esbuild would otherwise inline every `import()`: the
 * lazily imported chunks stay out, as they are not what a page loads first.
 */
export const lazyChunksLeftOut: Plugin = {
  name: 'lazy-chunks-left-out',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
    );
  },
};
