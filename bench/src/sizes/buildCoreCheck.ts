import { build, type Plugin } from 'esbuild';
import { esbuildOptions } from '../esbuildOptions';
import { benchRoot, sizePagesDir } from '../paths';
import { lazyChunksLeftOut } from './lazyChunksLeftOut';

/** The core budget's file (`{ SessionClient, toVideoRef }`) as one bundle in memory, as size-limit builds it. */
export function buildCoreCheck(plugins: Plugin[] = []) {
  const { splitting: _splitting, ...options } = esbuildOptions('production');
  return build({
    ...options,
    entryPoints: [`${sizePagesDir}/core-session.ts`],
    absWorkingDir: benchRoot,
    write: false,
    outdir: 'core-check',
    metafile: true,
    plugins: [...plugins, lazyChunksLeftOut],
  });
}
