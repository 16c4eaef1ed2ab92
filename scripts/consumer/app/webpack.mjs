// The same app bundled by webpack 5 as the react README describes it (ts-loader, webpack's defaults, `[name]` in
// `chunkFilename`), beside esbuild's bundle: into build/www/webpack, with build/webpack-chunks.json saying which
// files hold each engine and which chunks webpack named, for smoke.mjs.
//   node app/webpack.mjs   (cwd: the project)
import { copyFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import webpack from 'webpack';

const outDir = resolve('build/www/webpack');

const compiler = webpack({
  mode: 'production',
  context: resolve('app'),
  entry: { main: './main.tsx' },
  output: { path: outDir, filename: '[name].js', chunkFilename: '[name].[contenthash:8].js', clean: true },
  resolve: { extensions: ['.tsx', '.ts', '.js'] },
  module: {
    rules: [{ test: /\.tsx?$/, loader: 'ts-loader', options: { transpileOnly: true } }],
  },
  // video.js's CSS, which the app imports: webpack's own CSS support writes it to main.css.
  experiments: { css: true },
  // What the chunks hold is checked here, not how small they are: minifying 2 MB of engines would take longer
  // than the rest of the smoke test.
  optimization: { minimize: false },
  performance: { hints: false },
});

const stats = await new Promise((done, fail) =>
  compiler.run((error, result) => {
    compiler.close(() => {});
    if (error) fail(error);
    else done(result);
  }),
);
if (stats.hasErrors() || stats.hasWarnings()) {
  console.error(stats.toString({ all: false, errors: true, warnings: true }));
  if (stats.hasErrors()) process.exit(1);
}

const { chunkGraph, chunks } = stats.compilation;
/** The JavaScript files a chunk's code is in, if it holds any of `pkg`'s code (its CSS does not count). */
function filesWith(pkg, chunk) {
  const modules = [...chunkGraph.getChunkModulesIterable(chunk)].flatMap((module) => [
    module,
    ...(module.modules ?? []), // a concatenated module's own
  ]);
  const holds = modules.some(
    (module) =>
      module.type.startsWith('javascript') && module.nameForCondition()?.includes(`node_modules/${pkg}/`),
  );
  return holds ? [...chunk.files].filter((file) => file.endsWith('.js')) : [];
}
const summary = {
  engines: Object.fromEntries(
    ['hls.js', 'video.js'].map((pkg) => [pkg, [...chunks].flatMap((chunk) => filesWith(pkg, chunk))]),
  ),
  initial: [...chunks].filter((chunk) => chunk.canBeInitial()).flatMap((chunk) => [...chunk.files]),
  named: Object.fromEntries(
    [...chunks]
      .filter((chunk) => chunk.name)
      .map((chunk) => [chunk.name, [...chunk.files].filter((f) => f.endsWith('.js'))]),
  ),
};
writeFileSync('build/webpack-chunks.json', `${JSON.stringify(summary, null, 2)}\n`);
copyFileSync('app/index.html', `${outDir}/index.html`);
