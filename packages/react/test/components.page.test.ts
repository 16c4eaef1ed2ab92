import { beforeEach, describe, expect, inject, it } from 'vitest';
import { hlsNotPlaying, pageBrowserLabels, userAgents } from '../../../scripts/pageBrowsers';
import { pageReport } from '../../../scripts/vitest/pageReport';
import type { PageReport, ScenarioOutcome } from './pages/scenarioOutcome.js';

const browser = inject('pageBrowser');
const componentsReport = pageReport<PageReport>({
  browser,
  root: new URL('..', import.meta.url).pathname,
  page: '/test/pages/components.html',
  query: { emulator: inject('emulatorUrl') },
  dependencies: [
    'react',
    'react-dom',
    'react-dom/client',
    'react/jsx-runtime',
    // Vite's dev server compiles the page's TSX for development (tsconfig's `react-jsx`, `jsxDev`).
    'react/jsx-dev-runtime',
    'hls.js',
    'video.js',
  ],
  timeout: 300_000,
  // A scenario's 25 s deadline, with its emulator reset and log, takes well under this.
  stallTimeout: 60_000,
});
let report: PageReport;

beforeEach(async () => {
  report = await componentsReport();
}, 330_000);

/** The outcome of the page's scenario of that name (see `pages/componentsPage.tsx`), which must have reached its goal. */
function outcome(name: string): ScenarioOutcome {
  const found = report.outcomes.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`The page ran no scenario named "${name}"`);
  const seen = [...found.events, ...(found.facts.missed ?? [])].join('; ');
  expect({ reached: found.reached, error: found.error }, `${name} (${seen})`).toEqual({
    reached: true,
    error: undefined,
  });
  return found;
}

/** The status of each `/session` request, in order. */
function sessions({ requests }: ScenarioOutcome): number[] {
  return requests.filter((request) => request.kind === 'session').map((request) => request.status);
}

/** Asset requests (anything but `/session`) that went without `avh`: there must be none. */
function unsigned({ requests }: ScenarioOutcome) {
  return requests.filter((request) => request.kind !== 'session' && !request.avh);
}

/** Whether a request of that kind got that status. */
function answered({ requests }: ScenarioOutcome, kind: string, status: number): boolean {
  return requests.some((request) => request.kind === kind && request.status === status);
}

const engineModules = { 'hls.js': /hlsEngine/, 'video.js': /videojsEngine/ } as const;

describe(`React components in ${pageBrowserLabels[browser]}, against the emulator`, () => {
  it(`ran in ${pageBrowserLabels[browser]} with React 19, without an error or unhandled rejection on the page`, () => {
    expect(report.userAgent).toMatch(userAgents[browser]);
    expect(report.react).toMatch(/^19\./);
    expect(report.pageErrors).toEqual([]);
  });

  it('a grid of 4 thumbnails of 4 private tokens: 4 sessions, all painted, every request signed, no engine downloaded', () => {
    const grid = outcome('a grid of 4 thumbnails of 4 private tokens');
    expect(grid.facts.thumbnails).toHaveLength(4);
    expect(grid.facts.thumbnails?.every((width) => width > 0)).toBe(true);
    const opened = grid.requests.filter((request) => request.kind === 'session');
    expect(opened.map((request) => request.status)).toEqual([200, 200, 200, 200]);
    // One session per token, each of its own video.
    expect(new Set(opened.map((request) => request.privateToken))).toEqual(new Set(grid.tokens));
    expect(new Set(opened.map((request) => request.videoId))).toEqual(
      new Set(['viGrid01', 'viGrid02', 'viGrid03', 'viGrid04']),
    );
    expect(grid.requests.filter((request) => request.kind === 'thumbnail').map((r) => r.status)).toEqual([
      200, 200, 200, 200,
    ]);
    expect(unsigned(grid)).toEqual([]);
    // A page of thumbnails only downloads no engine (the player scenarios below see theirs: the control).
    expect(grid.facts.engineResources).toEqual([]);
  });

  describe.each(['hls.js', 'video.js'] as const)('%s', (engine) => {
    // Left out where the engine's HLS does not play even without this library (see `hlsNotPlaying`).
    const playsHls = !hlsNotPlaying[browser].includes(engine);

    it.skipIf(!playsHls)(
      `${engine}: a thumbnail and a player of one video share one session (StrictMode)`,
      () => {
        const shared = outcome(`${engine}: a thumbnail and a player of one video (StrictMode)`);
        expect(shared.facts.thumbnails).toHaveLength(1);
        expect(shared.facts.thumbnails?.[0]).toBeGreaterThan(0);
        expect(shared.facts.currentTime).toBeGreaterThan(1.5);
        // StrictMode's second mount leaves one player, of that engine.
        expect(shared.facts).toMatchObject({ videos: 1, player: engine });
        expect(sessions(shared)).toEqual([200]);
        expect(unsigned(shared)).toEqual([]);
        expect(answered(shared, 'thumbnail', 200)).toBe(true);
        expect(answered(shared, 'segment', 200)).toBe(true);
        expect(shared.requests.filter((request) => request.status >= 400)).toEqual([]);
        // The control of the grid's "no engine": the pattern does see the engine a player downloaded.
        expect(shared.facts.engineResources?.some((name) => engineModules[engine].test(name))).toBe(true);
      },
    );

    it(`${engine}: a player whose manifest fails falls back to the mp4 (onFallback) and plays it`, () => {
      const fellBack = outcome(`${engine}: a player whose manifest fails falls back to the mp4`);
      expect(fellBack.events).toEqual(['player fallback: hls → mp4']);
      expect(fellBack.facts.currentTime).toBeGreaterThan(1);
      expect(answered(fellBack, 'manifest', 500)).toBe(true);
      // Firefox asks for a range (206), WebKit for the whole file (200).
      expect(fellBack.requests.some((request) => request.kind === 'mp4' && request.status < 300)).toBe(true);
      expect(sessions(fellBack)).toEqual([200]);
      expect(unsigned(fellBack)).toEqual([]);
    });

    it.skipIf(!playsHls)(
      `${engine}: "Try again" after the segments failed plays again, on the same session`,
      () => {
        const retried = outcome(`${engine}: "Try again" after the segments failed plays again`);
        expect(retried.events).toEqual(['player error: media', 'Try again']);
        // The alert had the button; none is left once the retry plays.
        expect(retried.facts.alerts).toEqual(['player (alert): media [Try again]']);
        expect(retried.facts.resumedConnected).toBe(true);
        expect(retried.facts.currentTime).toBeGreaterThan((retried.facts.resumedAt ?? Infinity) + 1);
        expect(retried.facts.videos).toBe(1);
        expect(sessions(retried)).toEqual([200]);
        expect(unsigned(retried)).toEqual([]);
        // Segments failed, then (the faults cleared) loaded again.
        const segments = retried.requests.filter((request) => request.kind === 'segment');
        const lastFailure = segments.map((request) => request.status).lastIndexOf(500);
        expect(lastFailure).toBeGreaterThan(-1);
        expect(segments.slice(lastFailure + 1).some((request) => request.status === 200)).toBe(true);
      },
    );
  });

  it('a spent private token: the thumbnail and the player each show the token-used alert', () => {
    const spent = outcome('a spent private token');
    expect(spent.facts.alerts).toEqual(['thumbnail (status): token-used', 'player (alert): token-used']);
    expect([...spent.events].sort()).toEqual(['player error: token-used', 'thumbnail error: token-used']);
    // The page's own (which spent it), then the components' one, refused; nothing else was asked for.
    expect(sessions(spent)).toEqual([200, 404]);
    expect(spent.requests).toHaveLength(2);
    expect(spent.requests.every((request) => request.privateToken === spent.tokens[0])).toBe(true);
  });
});
