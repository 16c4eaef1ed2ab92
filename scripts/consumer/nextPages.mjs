// The Next.js half of the consumer smoke test (smoke.mjs runs it): `next start` of each build run.sh made of
// next/, and two of its pages in Chromium. The thumbnail page downloads no player and no engine; the player page
// was rendered on the server with a signed thumbnail, hydrates without an error, and plays on the session the
// server opened, every request signed.
import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEFAULT_API_KEY } from '@private-video/emulator';
import { requestsFor } from './build/node/checks.js';
import { check, SmokeFailure } from './check.mjs';

const playTimeout = 40_000;

/** What a script's code holds when it has hls.js, video.js, or the player component in it. */
const markers = { 'hls.js': 'hlsFragLoading', 'video.js': 'vjs-tech', player: 'data-private-video-player' };

/** `next start` of one build, on a free port, with the API key and the API's URL (the emulator's). */
async function startNext(builder, emulatorUrl) {
  const child = spawn('../node_modules/.bin/next', ['start', '-p', '0', '-H', '127.0.0.1'], {
    cwd: 'next',
    detached: true, // its own process group, so that close() stops it with its children
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      NEXT_DIST_DIR: `.next-${builder}`,
      APIVIDEO_API_KEY: DEFAULT_API_KEY,
      APIVIDEO_API_URL: emulatorUrl,
    },
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const fail = (why) => reject(new SmokeFailure(`next start (${builder}) ${why}:\n${output}`));
    const deadline = setTimeout(() => fail('did not say where it listens within 20 s'), 20_000);
    const read = (chunk) => {
      output += chunk;
      const listening = /Local:\s+(http:\S+)/.exec(output);
      if (listening) {
        clearTimeout(deadline);
        resolve(listening[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(deadline);
      fail(`exited (${code})`);
    });
  });
  return {
    url,
    output: () => output,
    close: () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}

/**
 * Opens `path` and waits for `ready` (an expression): what the page requested of the delivery, its scripts
 * (their gzip size, which markers they hold), its server-rendered HTML, and its errors.
 */
async function visit(browser, server, path, { waitUntil, ready }) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems = [];
  const delivery = [];
  const reading = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.stack ?? error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!url.href.startsWith(server.url)) delivery.push(url);
  });
  page.on('response', (response) => {
    if (!response.url().endsWith('.js')) return;
    const file = basename(response.url());
    reading.push(
      response.body().then(
        (body) => {
          const code = body.toString();
          const has = Object.keys(markers).filter((name) => code.includes(markers[name]));
          return { file, gzip: gzipSync(body).length, has };
        },
        (error) => ({ file, gzip: 0, has: [], error: `${error}` }),
      ),
    );
  });
  try {
    const response = await page.goto(`${server.url}${path}`, { waitUntil });
    const html = await response.text();
    check(response.status() === 200, `next: ${path} answered ${response.status()}:\n${server.output()}`);
    await page.waitForFunction(ready, null, { timeout: playTimeout });
    const scripts = await Promise.all(reading);
    const unread = scripts
      .filter((script) => script.error)
      .map((script) => `${script.file}: ${script.error}`);
    check(unread.length === 0, `next: scripts of ${path} not read: ${unread.join(', ')}`);
    check(problems.length === 0, `next: errors on ${path}:\n  ${problems.join('\n  ')}\n${server.output()}`);
    return { html, delivery, scripts };
  } finally {
    await page.close();
  }
}

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

/** One build of the Next.js app in Chromium: its thumbnail page, then its player page. */
export async function playNextBuild(browser, emulatorUrl, builder, timed) {
  const server = await startNext(builder, emulatorUrl);
  const name = `next (${builder})`;
  try {
    // Once the network is idle: a lazily loaded chunk would have come by then.
    const thumbnails = await visit(browser, server, '/thumbnails', {
      waitUntil: 'networkidle',
      ready: `document.querySelector('img[alt="Intro"]')?.naturalWidth > 0`,
    });
    const loaded = thumbnails.scripts.filter((script) => script.has.length > 0);
    check(
      loaded.length === 0,
      `${name}: the thumbnail page downloaded ${loaded.map((s) => `${s.file} (${s.has.join(', ')})`).join(', ')}`,
    );
    const unsigned = thumbnails.delivery.filter((url) => !url.searchParams.has('avh'));
    check(
      thumbnails.delivery.length === 1 && unsigned.length === 0,
      `${name}: the thumbnail page asked the delivery for ${thumbnails.delivery.join(', ')}, not one signed thumbnail`,
    );
    timed(`${name}: thumbnail page`);

    const player = await visit(browser, server, '/', {
      waitUntil: 'load',
      ready: `(() => { const video = document.querySelector('video'); return video?.currentTime >= 1 && !video.paused; })()`,
    });
    // The thumbnail's src and the player's poster, signed in the HTML the server sent.
    const signed = player.html.match(/\/thumbnail\.jpg\?avh=[\w-]+/g) ?? [];
    check(signed.length === 2, `${name}: the server rendered ${signed.length} signed thumbnails, not 2`);
    const holds = (marker) => player.scripts.some((script) => script.has.includes(marker));
    check(
      holds('player') && holds('hls.js'),
      `${name}: the player page played without the player or hls.js code`,
    );
    const fromPage = player.delivery.filter(
      (url) => url.pathname.endsWith('/session') || !url.searchParams.has('avh'),
    );
    check(
      fromPage.length === 0,
      `${name}: the page asked for a session or without avh (the server opened it): ${fromPage.join(', ')}`,
    );
    const privateToken = /\/token\/([^/"]+)\/thumbnail\.jpg\?avh=/.exec(player.html)?.[1];
    check(privateToken, `${name}: no private token in the page's thumbnail URL`);
    const log = await requestsFor(emulatorUrl, [privateToken]);
    const sessions = log.filter((entry) => entry.kind === 'session').length;
    const refused = log.filter((entry) => entry.status >= 400).map((e) => `${e.status} ${e.rule} ${e.path}`);
    check(sessions === 1, `${name}: ${sessions} /session requests for the page's private token, not 1`);
    check(refused.length === 0, `${name}: the delivery refused ${refused.join(', ')}`);
    check(
      log.some((entry) => entry.kind === 'segment'),
      `${name}: no HLS segment reached the delivery (did it play the mp4?)`,
    );
    timed(`${name}: player page plays`);

    const size = (scripts, which) => kB(scripts.filter(which).reduce((sum, script) => sum + script.gzip, 0));
    console.log(
      `   ${name}: JS (gzip) of the thumbnail page ${size(thumbnails.scripts, () => true)}; of the player page ` +
        `${size(player.scripts, (s) => !s.has.includes('hls.js'))} + hls.js ${size(player.scripts, (s) => s.has.includes('hls.js'))}`,
    );
  } finally {
    server.close();
  }
}
