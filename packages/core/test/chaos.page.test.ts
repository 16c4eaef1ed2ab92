import { beforeEach, describe, expect, inject, it } from 'vitest';
import { hlsNotPlaying, pageBrowserLabels, userAgents } from '../../../scripts/pageBrowsers';
import { pageReport } from '../../../scripts/vitest/pageReport';
import { chaosPlanFrom, chaosScenarios, describeScenario } from './chaos/chaosScenario.js';
import { outcomeTimeout } from './chaos/runChaosScenario.js';
import type { ChaosReport } from './pages/chaosReport.js';

// The Chromium soak's scenarios and invariants (`chaos.browser.test.ts`), in Firefox and WebKit (with hls.js
// and video.js, not native HLS), with the same `VITE_CHAOS_*` variables; the page plays them all, and each test
// reads its scenario's result. An engine whose HLS does not play in the browser even without this library
// (`hlsNotPlaying`) is left out there.
const browser = inject('pageBrowser');
const plan = chaosPlanFrom(
  process.env,
  (['hls.js', 'video.js'] as const)
    .filter((engine) => !hlsNotPlaying[browser].includes(engine))
    .flatMap((engine) => (['ts', 'fmp4'] as const).map((flavour) => ({ engine, flavour }))),
);
const scenarios = chaosScenarios(plan);
const names = scenarios.map(describeScenario);
// A scenario takes at most its outcome deadline and 1 s of watching for silence after.
const longest = scenarios.reduce((sum, scenario) => sum + outcomeTimeout(scenario) + 2_000, 0);
const chaosReport = pageReport<ChaosReport>({
  browser,
  root: new URL('..', import.meta.url).pathname,
  page: '/test/pages/chaos.html',
  query: { emulator: inject('emulatorUrl'), plan: JSON.stringify(plan) },
  dependencies: ['hls.js', 'video.js'],
  timeout: longest + 30_000,
  stallTimeout: Math.max(...scenarios.map(outcomeTimeout)) + 30_000,
});
let report: ChaosReport;

beforeEach(async () => {
  report = await chaosReport();
}, longest + 60_000);

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
