import { beforeAll, describe, expect, inject, it } from 'vitest';
import { pageBrowserLabels, userAgents } from '../../../scripts/pageBrowsers';
import { runReportingPage } from '../../../scripts/vitest/runReportingPage';
import { chaosPlanFrom, chaosScenarios, describeScenario } from './chaos/chaosScenario.js';
import type { ChaosReport } from './pages/chaosReport.js';

// The Chromium soak's scenarios and invariants (`chaos.browser.test.ts`), in Firefox (no native HLS there),
// with the same `VITE_CHAOS_*` variables; the page plays them all, and each test reads its scenario's result.
const plan = chaosPlanFrom(process.env, [
  { engine: 'hls.js', flavour: 'ts' },
  { engine: 'hls.js', flavour: 'fmp4' },
  { engine: 'video.js', flavour: 'ts' },
  { engine: 'video.js', flavour: 'fmp4' },
]);
const names = chaosScenarios(plan).map(describeScenario);
const browser = inject('pageBrowser');
let report: ChaosReport;

beforeAll(
  async () => {
    report = await runReportingPage<ChaosReport>({
      browser,
      root: new URL('..', import.meta.url).pathname,
      page: '/test/pages/chaos.html',
      query: { emulator: inject('emulatorUrl'), plan: JSON.stringify(plan) },
      dependencies: ['hls.js', 'video.js'],
      // A scenario takes at most its 20 s outcome deadline and 1 s of watching for silence after.
      timeout: names.length * 22_000 + 30_000,
    });
  },
  names.length * 22_000 + 60_000,
);

describe(`chaos soak in ${pageBrowserLabels[browser]}`, () => {
  it(`ran in ${pageBrowserLabels[browser]}`, () => {
    expect(report.userAgent).toMatch(userAgents[browser]);
    expect(report.results.map((result) => result.name)).toEqual(names);
  });

  it.each(names)('%s', (name) => {
    const result = report.results.find((candidate) => candidate.name === name);
    expect(result?.problems, result?.report).toEqual([]);
  });
});
