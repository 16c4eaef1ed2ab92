import { readFile } from 'node:fs/promises';
import { runInNewContext } from 'node:vm';
import { build, defaultClientConditions, defaultServerConditions, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import { sourceCondition } from '../../../scripts/vitest/projects.js';

const packageRoot = new URL('..', import.meta.url).pathname;
const importer =
  "import { createApiVideoClient } from '@private-video/server'; globalThis.loaded = createApiVideoClient;";

/** Bundles one import of the package, as an app's bundler would with these export conditions. */
async function bundle(conditions: string[]): Promise<string> {
  const result = await build({
    root: packageRoot,
    configFile: false,
    logLevel: 'silent',
    resolve: { conditions },
    plugins: [
      {
        name: 'entry',
        resolveId: (id) => (id === 'entry' ? '\0entry' : null),
        load: (id) => (id === '\0entry' ? importer : null),
      },
    ],
    build: { write: false, minify: false, rollupOptions: { input: 'entry', output: { format: 'iife' } } },
  });
  const output = (Array.isArray(result) ? result[0] : result) as Rollup.RollupOutput;
  return output.output[0].code;
}

describe('browser bundles', () => {
  it('fail at import time, saying the package must stay on the server', async () => {
    const code = await bundle([sourceCondition, ...defaultClientConditions]);
    expect(() => runInNewContext(code, {})).toThrow(/imported into a browser bundle.*API key/);
  }, 20_000);

  it('are the only ones: a server bundle gets the real client', async () => {
    const code = await bundle([sourceCondition, ...defaultServerConditions]);
    expect(code).not.toContain('imported into a browser bundle');
    expect(code).toContain('/auth/api-key');
  }, 20_000);

  it('the browser entry offers every name of the real one, so dev servers run its throw', async () => {
    const real = Object.keys(await import('./index.js')).sort();
    const browser = await readFile(new URL('./browser.ts', import.meta.url), 'utf8');
    const stubbed = [...browser.matchAll(/refuse as (\w+)/g)].map((match) => match[1]).sort();
    expect(stubbed).toEqual(real);
  });

  it('the published exports map sends browser to the throwing entry and edge runtimes to the real one', async () => {
    const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
    const root = manifest.exports['.'];
    for (const map of [root[sourceCondition], root]) {
      const keys = Object.keys(map).filter((key) => key !== sourceCondition && key !== 'types');
      expect(keys).toEqual(['workerd', 'worker', 'edge-light', 'browser', 'default']);
      expect(map.browser).toMatch(/browser\.(ts|js)$/);
      expect(map.worker).toBe(map.default);
    }
  });
});
