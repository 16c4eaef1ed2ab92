import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'esbuild';
import ts from 'typescript';
import { benchRoot } from '../paths';
import { buildCoreCheck } from './buildCoreCheck';

export interface FloorResult {
  variant: string;
  /** Bytes, minified + gzip -9, built like the size-limit check of core. */
  gzip: number;
}

const coreSource = `${benchRoot}../packages/core/src`;

/**
 * Where core's floor lies: the size-limit check `{ SessionClient, toVideoRef }` as shipped, without its
 * error messages, and with URL parsing and storage replaced by stubs. Not budgets and not shippable
 * code (the stubs do nothing): it shows what each part costs, against the 3 kB target of issue #7.
 */
export async function measureCoreFloor(): Promise<FloorResult[]> {
  const variants: [string, Plugin[]][] = [
    ['as shipped', []],
    ['without error messages', [withoutMessages]],
    ['without URL parsing and storage', [withoutParsingAndStorage]],
    ['without both', [withoutMessages, withoutParsingAndStorage]],
  ];
  const results: FloorResult[] = [];
  for (const [variant, plugins] of variants) results.push({ variant, gzip: await bundleGzip(plugins) });
  return results;
}

async function bundleGzip(plugins: Plugin[]): Promise<number> {
  const result = await buildCoreCheck(plugins);
  return gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length;
}

/** Every string or template literal of core that reads as words (letter, space, letter) becomes `''`. */
const withoutMessages: Plugin = {
  name: 'without-messages',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /packages\/core\/src\/.*\.ts$/, namespace: 'file' }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const file = ts.createSourceFile(args.path, source, ts.ScriptTarget.Latest, true);
      const spans: [number, number][] = [];
      const visit = (node: ts.Node) => {
        const isText =
          ts.isStringLiteral(node) ||
          ts.isNoSubstitutionTemplateLiteral(node) ||
          ts.isTemplateExpression(node);
        if (isText && /[a-z] [a-z]/i.test(node.getText(file))) {
          spans.push([node.getStart(file), node.getEnd()]);
          return;
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
      let contents = source;
      for (const [start, end] of spans.reverse()) {
        contents = `${contents.slice(0, start)}''${contents.slice(end)}`;
      }
      return { contents, loader: 'ts' };
    });
  },
};

/** Strings go to `createVideoRef` as references only; nothing is stored. */
const stubs: Record<string, string> = {
  'parseVideoUrl.js': `export function parseVideoUrl() { throw new Error(); }`,
  'toVideoRef.js': `export { createVideoRef as toVideoRef } from '${coreSource}/source/createVideoRef.ts';`,
  'SessionStore.js': `export class SessionStore { read() {} write() {} }`,
};

const withoutParsingAndStorage: Plugin = {
  name: 'without-parsing-and-storage',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /(parseVideoUrl|toVideoRef|SessionStore)\.js$/ }, (args) =>
      args.namespace === 'stub' ? undefined : { path: basename(args.path), namespace: 'stub' },
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({
      contents: stubs[args.path],
      loader: 'ts',
      resolveDir: benchRoot,
    }));
  },
};
