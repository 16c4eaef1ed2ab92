import { rmSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { esbuildOptions } from '../esbuildOptions';
import { benchRoot, buildDir } from '../paths';
import { declaredExternals } from './declaredExternals';
import { fileSizes } from './gzipSize';

export interface Size {
  min: number;
  gzip: number;
}

export interface LazyChunk extends Size {
  /** What the chunk is loaded for: the dynamically imported module (e.g. `hlsEngine.ts`). */
  name: string;
}

export interface BundleSizes {
  /** What the page downloads before anything runs: the entry and the chunks it imports statically. */
  initial: Size;
  /** What each `import()` adds on top of `initial` (shared chunks counted in each that needs them). */
  lazy: LazyChunk[];
}

/**
 * Bundles one entry the way the bench pages are built (minified ESM, code splitting) and sizes it;
 * `notCounted` modules (React, core) are linked in as declarations only (see `declaredExternals`).
 */
export async function measureBundle(id: string, entry: string, notCounted: string[]): Promise<BundleSizes> {
  const outdir = `${buildDir}/sizes/${id}`;
  rmSync(outdir, { recursive: true, force: true });
  const { metafile } = await build({
    ...esbuildOptions('production'),
    entryPoints: [entry],
    outdir,
    plugins: [declaredExternals(notCounted)],
    // Absolute paths in the metafile, so outputs and entry points are easy to match.
    absWorkingDir: benchRoot,
  });
  return analyse(metafile!, relative(benchRoot, entry));
}

function analyse(metafile: Metafile, entryPoint: string): BundleSizes {
  const outputs = metafile.outputs;
  const entryOutput = Object.keys(outputs).find((path) => outputs[path]!.entryPoint === entryPoint);
  if (!entryOutput) throw new Error(`esbuild produced no output for ${entryPoint}`);
  const staticClosure = (start: string, known: Set<string>) => {
    const seen = new Set<string>();
    const visit = (path: string) => {
      if (seen.has(path) || known.has(path) || !outputs[path]) return;
      seen.add(path);
      for (const imported of outputs[path]!.imports) {
        if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
      }
    };
    visit(start);
    return seen;
  };
  const initial = staticClosure(entryOutput, new Set());
  const lazyRoots = new Set<string>();
  for (const path of Object.keys(outputs)) {
    for (const imported of outputs[path]!.imports) {
      if (imported.kind === 'dynamic-import' && !imported.external && !initial.has(imported.path)) {
        lazyRoots.add(imported.path);
      }
    }
  }
  const sum = (paths: Iterable<string>): Size => {
    const total = { min: 0, gzip: 0 };
    for (const path of paths) {
      const size = fileSizes(resolve(benchRoot, path));
      total.min += size.min;
      total.gzip += size.gzip;
    }
    return total;
  };
  const lazy = [...lazyRoots].map((root) => ({
    name: chunkName(outputs[root]!.entryPoint ?? root),
    ...sum(staticClosure(root, initial)),
  }));
  return { initial: sum(initial), lazy: lazy.sort((a, b) => a.name.localeCompare(b.name)) };
}

/** Core's engine adapters, named by what they load. */
const engineNames: Record<string, string> = {
  'hlsEngine.ts': 'hls.js engine',
  'videojsEngine.ts': 'video.js engine',
  'nativeEngine.ts': 'native engine',
};

/** `…/node_modules/@mux/mux-player/dist/index.mjs` → `@mux/mux-player`; own files by their base name. */
function chunkName(path: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/.exec(path);
  return match ? `${match[1]} (${basename(path)})` : (engineNames[basename(path)] ?? basename(path));
}
