import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { browserProject } from '../../scripts/vitest/projects';

/**
 * `core:floor`: the main real-Chromium cases again, with the lowest hls.js and video.js of the peer ranges
 * (devDependencies `hls.js-floor` and `video.js-floor`, npm aliases) in place of the latest. About 45 s:
 * `vitest run --config packages/core/vitest.floor.config.ts` (`npm run test:floor`; `npm test` runs it).
 */
const peers = ['hls.js', 'video.js'] as const;
const pkg = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8'));
/** The lowest version of each peer range (`>=1.6.11 <2`, `^8.5.0`): the first version it names. */
const peerFloor = Object.fromEntries(
  peers.map((name) => [name, /\d+\.\d+\.\d+/.exec(pkg.peerDependencies[name])?.[0]]),
) as Record<(typeof peers)[number], string>;

const base = browserProject({
  name: 'core',
  globalSetup: ['./test/globalSetup.ts'],
  optimizeDeps: peers.map((name) => `${name}-floor`),
});

/** What each engine's signing, fallback, renewal, watches and log redaction rest on, one case each. */
const cases = [
  // test/peerFloor.browser.test.ts: the aliases applied, to the floor of each range
  'plays with the lowest hls.js and video.js of the peer ranges',
  // test/playback.browser.test.ts, each engine
  "(hls|video)\\.js signs every request of 'viPrivateFmp4'",
  '(hls|video)\\.js falls back to the mp4 when the manifest fails at start',
  '(hls|video)\\.js falls back at (the second failure in a row when the viewer waits|start when the first segment fails twice)',
  '(hls|video)\\.js renews when the test control expires the session mid-play',
  // video.js's silent-request watch, and its isSupported() with no MSE (VHS before 3.14 said yes)
  'fails a key \\(of viPrivateFmp4\\) silent',
  'is not supported, so the signed mp4 plays instead of unsigned native HLS',
  // test/chaos.browser.test.ts: VHS's stall watch
  'video\\.js: one failed audio segment of the fMP4 stream does not stall it for good',
  // test/live.browser.test.ts: the session token out of VHS's log
  'keeps the session token out of videojs\\.log\\.history\\(\\)',
  // test/renewalRequests.browser.test.ts: VHS held while a renewal is under way
  'viPrivateFmp4: VHS stops asking for what the dead session refuses',
  // test/subtitleRenewal.browser.test.ts: hls.js's subtitles after a renewal
  'gives the viewer their subtitles back once a renewal',
];

export default defineConfig({
  ...base,
  root: import.meta.dirname,
  // Its own pre-bundled dependencies: core:browser's (the latest versions) stay as they are.
  cacheDir: 'node_modules/.vite-floor',
  resolve: {
    ...base.resolve,
    alias: peers.map((name) => ({
      find: new RegExp(`^${name.replace('.', '\\.')}$`),
      replacement: `${name}-floor`,
    })),
  },
  test: {
    ...base.test,
    name: 'core:floor',
    include: [
      'test/peerFloor.browser.test.ts',
      'test/playback.browser.test.ts',
      'test/chaos.browser.test.ts',
      'test/live.browser.test.ts',
      'test/renewalRequests.browser.test.ts',
      'test/subtitleRenewal.browser.test.ts',
    ],
    testNamePattern: new RegExp(cases.join('|')),
    provide: { peerFloor },
  },
});
