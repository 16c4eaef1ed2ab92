import { createRequire } from 'node:module';
import { build, type Plugin } from 'esbuild';
import { esbuildOptions } from '../esbuildOptions';
import { benchRoot } from '../paths';

const require = createRequire(benchRoot);
const identifier = /^[A-Za-z_$][\w$]*$/;

/**
 * Leaves modules out of a measured bundle the way an app's bundle holds them: linked into the same
 * file, not imported from elsewhere. Each one becomes a module that only declares its export names
 * (`export let useState, useEffect, …`), so the code that uses it is minified and linked as in an app.
 *
 * Marking them `external` instead keeps one `import { … } from "react"` statement per source file that
 * uses them: several hundred bytes that no app ships, as its bundler links those imports away.
 */
export function declaredExternals(specifiers: readonly string[]): Plugin {
  const declarations = new Map<string, Promise<string>>();
  return {
    name: 'declared-externals',
    setup(build) {
      if (specifiers.length === 0) return;
      const names = specifiers.map((specifier) => specifier.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({
        path: args.path,
        namespace: 'declared-external',
      }));
      build.onLoad({ filter: /.*/, namespace: 'declared-external' }, async (args) => {
        if (!declarations.has(args.path)) declarations.set(args.path, declare(args.path));
        return { contents: await declarations.get(args.path), loader: 'js' };
      });
    },
  };
}

/** `export let a, b, …;` for a module's exports, and a default export. */
async function declare(specifier: string): Promise<string> {
  const { splitting: _splitting, ...options } = esbuildOptions('production');
  const { metafile } = await build({
    ...options,
    stdin: { contents: `export * from ${JSON.stringify(specifier)};`, resolveDir: benchRoot },
    write: false,
    outdir: 'declared',
    logLevel: 'silent',
  });
  const esm = Object.values(metafile!.outputs)[0]!.exports;
  // CommonJS has no static exports: Node's `require` tells them.
  const names = esm.length > 0 ? esm : Object.keys(require(specifier) as object);
  // A default export too: `export *` leaves out an ES module's (hls.js has one), and CommonJS has one.
  return `export let ${names.filter((name) => name !== 'default' && identifier.test(name)).join(', ')};\nlet module;\nexport default module;`;
}
