// The run-time half of the consumer smoke test. run.sh copies it into the fresh project and runs it there, so
// every import below resolves to the installed tarballs: the backend mints tokens through the emulator's API,
// React renders a server-opened session in Node, then Chromium plays the bundled app. A failure prints what
// went wrong and exits 1.
//   node smoke.mjs EMULATOR_URL   (cwd: the project, with build/www, build/meta.json and build/node)
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

const emulatorUrl = process.argv[2];
const thumbnailTimeout = 20_000;
const playTimeout = 40_000;
const hlsVideo = 'viPrivateTs';
const videojsVideo = 'viPrivateFmp4'; // fMP4 + AES-128 + audio + subtitles: keys and init segments signed too

/** A failure the test explains itself: printed without a stack. */
class SmokeFailure extends Error {}
function check(ok, message) {
  if (!ok) throw new SmokeFailure(message);
}

let last = performance.now();
/** Prints how long the step that just ended took. */
function timed(step) {
  const now = performance.now();
  console.log(`   ${step.padEnd(34)} ${((now - last) / 1000).toFixed(1)} s`);
  last = now;
}

/**
 * The chunks holding each engine's code, from esbuild's metafile; the entry must hold neither (they load
 * lazily). The video.js CSS the app imports goes to main.css, and does not count.
 */
function engineChunks() {
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
  for (const [engine, files] of Object.entries(chunks)) {
    check(files.length > 0, `no chunk of the bundle holds ${engine}`);
    check(!files.includes('main.js'), `${engine} is in the entry chunk main.js: it would not load lazily`);
  }
  return chunks;
}

/** Server rendering with a session opened on the server: React's package runs in Node, the HTML is signed. */
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

async function main() {
  const chunks = engineChunks();
  const backend = await startBackend({
    baseUrl: emulatorUrl,
    apiKey: DEFAULT_API_KEY,
    allowed: [hlsVideo, videojsVideo],
    staticDir: 'build/www',
  });
  let browser;
  try {
    await checkServerSide(backend.url, backend.client, hlsVideo, 'viPrivateTs2');
    const sources = { hls: await backend.source(hlsVideo), videojs: await backend.source(videojsVideo) };
    const tokens = [sources.hls.privateToken, sources.videojs.privateToken];
    check(
      tokens.every((token) => typeof token === 'string'),
      `sources without a private token: ${JSON.stringify(sources)}`,
    );
    await checkServerRendering(backend);
    timed('node: token handler, SSR, mint');

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
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems = [];
    const requests = [];
    let phase = 'thumbnail';
    page.on('request', (request) => requests.push({ url: new URL(request.url()), phase }));
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.stack ?? error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
    });
    timed('chromium: launch');

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
    await page.goto(`${backend.url}/index.html?${query}`);
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
    timed('browser: thumbnail page');

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
    timed('browser: both players play');

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
