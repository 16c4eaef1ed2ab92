import { buildCoreCheck } from './buildCoreCheck';

export interface BreakdownRow {
  /** Core's source file, relative to `packages/core/src`. */
  file: string;
  /** Its bytes in the minified bundle, before gzip (gzip does not split by file). */
  min: number;
}

/** Where the core budget's bytes go: each source file's share of the minified bundle, largest first. */
export async function measureCoreBreakdown(): Promise<BreakdownRow[]> {
  const { metafile } = await buildCoreCheck();
  const [output] = Object.values(metafile.outputs);
  return Object.entries(output!.inputs)
    .map(([path, { bytesInOutput }]) => ({
      file: path.replace(/^.*packages\/core\/src\//, ''),
      min: bytesInOutput,
    }))
    .filter((row) => row.min > 0)
    .sort((a, b) => b.min - a.min);
}
