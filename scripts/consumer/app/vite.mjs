// The same app as Vite builds it (its defaults and the React plugin, but for minifying), beside esbuild's and webpack's bundles: into
// build/www/vite, with build/vite-chunks.json saying which files hold each engine and which the page loads
// first, for smoke.mjs. With `without-videojs` (run.sh hides video.js first): into build/www/vite-without-videojs,
// as an app whose install lacks video.js builds, without its CSS (which the app imports).
//   node app/vite.mjs [without-videojs]   (cwd: the project)
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

// Vite bundles from the page: index.html with the app's source as its module, and no main.css (Vite injects
// the CSS the app imports).
const page = resolve('app/vite.html');
const html = readFileSync('app/index.html', 'utf8')
  .replace(/<link rel="stylesheet" href="main.css">\n/, '')
  .replace('src="main.js"', 'src="./main.tsx"');
writeFileSync(page, html);

const withoutVideojs = process.argv[2] === 'without-videojs';
const empty = resolve('app/empty.css');
writeFileSync(empty, '');

const result = await build({
  configFile: false,
  root: resolve('app'),
  base: './',
  logLevel: 'warn',
  plugins: [react()],
  resolve: { alias: withoutVideojs ? { 'video.js/dist/video-js.css': empty } : {} },
  build: {
    outDir: resolve(withoutVideojs ? 'build/www/vite-without-videojs' : 'build/www/vite'),
    emptyOutDir: true,
    rollupOptions: { input: page },
    // What the chunks hold is checked here, not how small they are (as for webpack); unminified, the engines'
    // chunks pass Vite's 500 kB warning, which the react README explains for minified builds.
    minify: false,
    chunkSizeWarningLimit: 5_000,
  },
});

if (withoutVideojs) process.exit(0);

const chunks = [result].flat().flatMap((output) => output.output.filter((file) => file.type === 'chunk'));
/** The chunks holding `pkg`'s code. */
const holding = (pkg) =>
  chunks
    .filter((chunk) =>
      Object.entries(chunk.modules).some(
        ([id, module]) => id.includes(`node_modules/${pkg}/`) && module.renderedLength > 0,
      ),
    )
    .map((chunk) => basename(chunk.fileName));
/** The page's entry chunk and every chunk it imports statically, which the page loads first. */
const initial = new Set();
const visit = (fileName) => {
  if (initial.has(fileName)) return;
  initial.add(fileName);
  for (const imported of chunks.find((chunk) => chunk.fileName === fileName)?.imports ?? []) visit(imported);
};
for (const chunk of chunks) if (chunk.isEntry) visit(chunk.fileName);
const summary = {
  engines: { 'hls.js': holding('hls.js'), 'video.js': holding('video.js') },
  initial: [...initial].map((fileName) => basename(fileName)),
};
writeFileSync('build/vite-chunks.json', `${JSON.stringify(summary, null, 2)}\n`);
