// The run-time half of the consumer smoke test. run.sh copies it into the fresh project and runs it there, so
// every import below resolves to the installed tarballs: the backend mints tokens through the emulator's API,
// React renders a server-opened session in Node, then Chromium plays the app as esbuild, webpack and Vite bundled
// it, and the pages of the Next.js app (nextPages.mjs). A failure prints what went wrong and exits 1.
//   node smoke.mjs EMULATOR_URL   (cwd: the project, with build/www, build/meta.json, build/webpack-chunks.json,
//   build/vite-chunks.json, build/www/vite-without-videojs, build/node, and next/ built into next/.next-turbopack
//   and next/.next-webpack)
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DEFAULT_API_KEY } from '@private-video/emulator';
import { PrivateThumbnail, PrivateVideoPlayer, PrivateVideoProvider } from '@private-video/react';
import { openSession } from '@private-video/server';
import { chromium } from 'playwright-core';
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { startBackend } from './build/node/backend.js';
import { checkServerSide, requestsFor } from './build/node/checks.js';
import { check, SmokeFailure } from './check.mjs';
import { playNextBuild } from './nextPages.mjs';

const emulatorUrl = process.argv[2];
const thumbnailTimeout = 20_000;
const playTimeout = 40_000;
const hlsVideo = 'viPrivateTs';
const videojsVideo = 'viPrivateFmp4'; // fMP4 + AES-128 + audio + subtitles: keys and init segments signed too

let last = performance.now();
/** Prints how long the step that just ended took. */
function timedStep(step) {
  const now = performance.now();
  console.log(`   ${step.padEnd(42)} ${((now - last) / 1000).toFixed(1)} s`);
  last = now;
}

/** Fails unless each engine is in some chunk and in none the page loads first (they load lazily). */
function checkLazy(bundler, chunks, initial) {
  for (const [engine, files] of Object.entries(chunks)) {
    check(files.length > 0, `${bundler}: no chunk of the bundle holds ${engine}`);
    const eager = files.filter((file) => initial.includes(file));
    check(eager.length === 0, `${bundler}: ${engine} is in ${eager.join(', ')}, which the page loads first`);
  }
}

/**
 * esbuild's bundle (build/www): the chunks holding each engine's code, from its metafile. The video.js CSS the
 * app imports goes to main.css, and does not count.
 */
function esbuildBundle() {
  const meta = JSON.parse(readFileSync('build/meta.json', 'utf8'));
  const chunksWith = (pkg) =>
    Object.entries(meta.outputs)
      .filter(([file, output]) => {
        const inputs = Object.entries(output.inputs);
        return (
          file.endsWith('.js') &&
          inputs.some(
            ([input, { bytesInOutput }]) => input.includes(`node_modules/${pkg}/`) && bytesInOutput > 0,
          )
        );
      })
      .map(([file]) => basename(file));
  const chunks = { 'hls.js': chunksWith('hls.js'), 'video.js': chunksWith('video.js') };
  checkLazy('esbuild', chunks, ['main.js']);
  return { bundler: 'esbuild', page: '/index.html', chunks };
}

/**
 * webpack's bundle (build/www/webpack, see app/webpack.mjs), checked against what the react README says of it:
 * the chunks its `webpackChunkName`s name, hls.js's code in `private-video-hls`. video.js's is in a chunk
 * webpack's default `splitChunks` makes and numbers (video.js brings a module webpack ignores, `min-document`,
 * so its vendors group is not the whole named chunk), which `private-video-videojs` loads.
 */
function webpackBundle() {
  const { engines, initial, named } = JSON.parse(readFileSync('build/webpack-chunks.json', 'utf8'));
  checkLazy('webpack', engines, initial);
  const names = [
    'private-video-hls',
    'private-video-videojs',
    'private-video-native',
    'private-video-videojs-element',
  ];
  const unnamed = names.filter((name) => !named[name]);
  check(unnamed.length === 0, `webpack named no chunk ${unnamed.join(', ')}: ${JSON.stringify(named)}`);
  check(
    engines['hls.js'].length === 1 && engines['hls.js'][0] === named['private-video-hls'][0],
    `webpack put hls.js in ${engines['hls.js'].join(', ')}, not only in private-video-hls`,
  );
  return { bundler: 'webpack', page: '/webpack/index.html', chunks: engines };
}

/** Server rendering with a session opened on the server: React's package runs in Node, the HTML is signed. */
/** Vite's bundle (build/www/vite, see app/vite.mjs): the chunks holding each engine's code, from its output. */
function viteBundle() {
  const { engines, initial } = JSON.parse(readFileSync('build/vite-chunks.json', 'utf8'));
  checkLazy('vite', engines, initial);
  return { bundler: 'vite', page: '/vite/vite.html', chunks: engines };
}

async function checkServerRendering(backend) {
  const source = await backend.source(hlsVideo);
  const { session } = await openSession(source);
  const html = renderToString(
    h(
      PrivateVideoProvider,
      { storage: null },
      h(PrivateThumbnail, { video: source, session, alt: 'Intro' }),
      h(PrivateVideoPlayer, { video: source, session, engine: 'hls.js' }),
    ),
  );
  const signed = `/thumbnail.jpg?avh=${session?.token}`;
  // The thumbnail's src and the player's poster.
  check(
    html.split(signed).length - 1 === 2,
    `renderToString signed no thumbnail and poster (${signed}): ${html}`,
  );
}

/**
 * One bundle's page in Chromium, with fresh private tokens: the thumbnail and hooks alone (no engine chunk
 * downloaded), then both players, every request signed and one session per private token.
 */
async function playBundle(browser, backend, { bundler, page: path, chunks }) {
  const sources = { hls: await backend.source(hlsVideo), videojs: await backend.source(videojsVideo) };
  const tokens = [sources.hls.privateToken, sources.videojs.privateToken];
  check(
    tokens.every((token) => typeof token === 'string'),
    `sources without a private token: ${JSON.stringify(sources)}`,
  );
  const timed = (step) => timedStep(`${bundler}: ${step}`);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems = [];
  const requests = [];
  let phase = 'thumbnail';
  page.on('request', (request) => requests.push({ url: new URL(request.url()), phase }));
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.stack ?? error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });

  /** Polls `expression` in the page until it is true; gives up at once on a failure the page reports. */
  async function waitFor(what, expression, timeout) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const { done, report } = await page.evaluate(
        `({ done: Boolean(${expression}), report: window.__smoke })`,
      );
      const failures = [
        ...problems,
        ...(report?.errors ?? []),
        ...Object.entries(report?.players ?? {}).flatMap(([engine, player]) => [
          ...(player.error ? [`${engine} player error: ${player.error}`] : []),
          ...(player.fallback ? [`${engine} player fell back to the mp4: ${player.fallback}`] : []),
        ]),
        ...backend.missing.map((path) => `the backend has no ${path}`),
      ];
      check(failures.length === 0, `while waiting for ${what}:\n  ${failures.join('\n  ')}`);
      if (done) return report;
      check(
        Date.now() < deadline,
        `timed out (${timeout / 1000} s) waiting for ${what}; the page's report: ${JSON.stringify(report)}`,
      );
      await page.waitForTimeout(100); // the poll's interval, not a synchronisation: the condition decides
    }
  }

  const query = new URLSearchParams({ sources: JSON.stringify(sources) });
  await page.goto(`${backend.url}${path}?${query}`);
  // The page before anyone plays: the thumbnail painted, the hooks' session open and their mp4 link signed.
  await waitFor(
    'the thumbnail and the hooks',
    `(() => {
      const image = document.querySelector('img[alt="Intro"]');
      return image?.complete && image.naturalWidth > 0 && document.querySelector('[data-session-status="open"]')
        && /[?&]avh=/.test(document.querySelector('a[href*="/mp4/"]')?.href ?? '');
    })()`,
    thumbnailTimeout,
  );
  const allEngineChunks = [...chunks['hls.js'], ...chunks['video.js']];
  const early = requests
    .map(({ url }) => basename(url.pathname))
    .filter((file) => allEngineChunks.includes(file));
  check(early.length === 0, `a page with only a thumbnail downloaded engine chunks: ${early.join(', ')}`);
  timed('thumbnail page');

  phase = 'play';
  await page.getByRole('button', { name: 'Play' }).click();
  const report = await waitFor(
    'both players to play past 1 s',
    `['hls.js', 'video.js'].every((engine) => {
      const player = window.__smoke.players[engine];
      return player && player.states.at(-1) === 'playing' && player.frames > 0 && player.currentTime >= 1;
    })`,
    playTimeout,
  );
  timed('both players play');

  // What the page did, as the browser saw it.
  check(
    report.sameSessionClient === true,
    'SessionClient of @private-video/core and of @private-video/react differ',
  );
  const refs = JSON.stringify(report.refs);
  const expected = JSON.stringify(
    tokens.map((privateToken, i) => ({ videoId: [hlsVideo, videojsVideo][i], privateToken })),
  );
  check(refs === expected, `toVideoRef read ${refs}, expected ${expected}`);
  for (const [engine, files] of Object.entries(chunks)) {
    const loaded = requests.some(
      (request) => request.phase === 'play' && files.includes(basename(request.url.pathname)),
    );
    check(loaded, `the ${engine} player played without its chunk being requested (${files.join(', ')})`);
  }
  const unsignedByPage = requests
    .filter(({ url }) => url.origin === new URL(emulatorUrl).origin)
    .filter(({ url }) => !url.pathname.endsWith('/session') && !url.searchParams.has('avh'))
    .map(({ url }) => url.pathname);
  check(unsignedByPage.length === 0, `the page requested without avh:\n  ${unsignedByPage.join('\n  ')}`);

  // What the delivery got, from the emulator's own log.
  const log = await requestsFor(emulatorUrl, tokens);
  const kinds = {};
  for (const [name, token] of [
    ['thumbnail + hls.js', sources.hls.privateToken],
    ['video.js', sources.videojs.privateToken],
  ]) {
    const entries = log.filter((entry) => entry.privateToken === token);
    const sessions = entries.filter((entry) => entry.kind === 'session').length;
    check(sessions === 1, `${name}: ${sessions} /session requests for one private token, expected 1`);
    const unsigned = entries.filter((entry) => entry.kind !== 'session' && !entry.avh).map((e) => e.path);
    check(unsigned.length === 0, `${name}: the delivery got requests without avh: ${unsigned.join(', ')}`);
    const refused = entries
      .filter((entry) => entry.status >= 400)
      .map((e) => `${e.status} ${e.rule} ${e.path}`);
    check(refused.length === 0, `${name}: the delivery refused: ${refused.join(', ')}`);
    kinds[name] = [...new Set(entries.map((entry) => entry.kind))];
    // HLS played (not the mp4 a browser without Media Source Extensions would get).
    const missing = ['thumbnail', 'manifest', 'segment'].filter((kind) => !kinds[name].includes(kind));
    check(missing.length === 0, `${name}: no ${missing.join(', ')} request reached the delivery`);
  }
  const errors = [...problems, ...report.errors];
  check(errors.length === 0, `errors in the page:\n  ${errors.join('\n  ')}`);
  timed('checks: emulator log, requests');

  for (const [engine, player] of Object.entries(report.players)) {
    console.log(`   ${engine}: ${player.frames} frames, at ${player.currentTime.toFixed(1)} s`);
  }
  for (const [name, list] of Object.entries(kinds)) {
    console.log(`   ${name}: ${list.join(' ')}; 1 session, every asset signed`);
  }
  const lazy = Object.entries(chunks).map(([engine, files]) => `${engine} in ${files.join(', ')}`);
  console.log(`   lazy: ${lazy.join('; ')}, loaded only once a player mounts`);
  await page.close();
}

/**
 * Vite's build of the app for an install without video.js (build/www/vite-without-videojs): Vite 7 builds, without
 * a warning, a module that throws in place of the missing peer. The video.js player fails as `unsupported`, naming
 * it (it failed as `network`, with a "Try again" that could not help), while the hls.js player plays.
 */
async function checkViteWithoutVideojs(browser, backend) {
  const sources = { hls: await backend.source(hlsVideo), videojs: await backend.source(videojsVideo) };
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
  try {
    const query = new URLSearchParams({ sources: JSON.stringify(sources) });
    await page.goto(`${backend.url}/vite-without-videojs/vite.html?${query}`);
    await page.getByRole('button', { name: 'Play' }).click();
    const players = await page
      .waitForFunction(
        () => {
          const { players } = window.__smoke;
          return players['video.js']?.error && players['hls.js']?.currentTime >= 1 && players;
        },
        null,
        { timeout: playTimeout },
      )
      .then((handle) => handle.jsonValue());
    const failure = players['video.js'].error;
    check(
      failure.startsWith('unsupported: video.js is not installed'),
      `vite without video.js: its player failed as "${failure}", not as unsupported`,
    );
    check(
      !players['hls.js'].error,
      `vite without video.js: the hls.js player failed: ${players['hls.js'].error}`,
    );
    check(
      pageErrors.length === 0,
      `vite without video.js: errors in the page:\n  ${pageErrors.join('\n  ')}`,
    );
    console.log(`   vite without video.js: its player says "${failure.slice(0, 60)}…"; hls.js plays`);
  } finally {
    await page.close();
  }
}

async function main() {
  const bundles = [esbuildBundle(), webpackBundle(), viteBundle()];
  const backend = await startBackend({
    baseUrl: emulatorUrl,
    apiKey: DEFAULT_API_KEY,
    allowed: [hlsVideo, videojsVideo],
    staticDir: 'build/www',
  });
  let browser;
  try {
    await checkServerSide(backend.url, backend.client, hlsVideo, 'viPrivateTs2');
    await checkServerRendering(backend);
    timedStep('node: token handler, SSR');

    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--autoplay-policy=no-user-gesture-required',
      ],
    });
    timedStep('chromium: launch');
    for (const bundle of bundles) await playBundle(browser, backend, bundle);
    await checkViteWithoutVideojs(browser, backend);
    timedStep('vite: without video.js');
    for (const builder of ['turbopack', 'webpack'])
      await playNextBuild(browser, emulatorUrl, builder, timedStep);
  } finally {
    await browser?.close();
    await backend.close();
  }
}

try {
  await main();
} catch (error) {
  if (!(error instanceof SmokeFailure)) throw error;
  console.error(`smoke test failed: ${error.message}`);
  process.exitCode = 1;
}
