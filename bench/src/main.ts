/**
 * `npm run bench`: builds the bench pages, starts the emulator, a static server and Chromium, runs every
 * scenario, prints a markdown report and writes `results/latest.json` + `results/latest.md`.
 * Benchmarks print numbers; only the session and signing checks (and the size budgets in
 * `test:size`) have a right answer, and the exit code is non-zero when one of those is wrong.
 * Knobs: BENCH_STARTUP_ROUNDS (default 8: each of the 4 groups of variants, a private one with its public
 * baseline or the server-opened one alone, in each position once with each order of its pair),
 * BENCH_FALLBACK_ROUNDS (default 3), BENCH_ONLY (comma list of sessions,coverage,startup,fallback,sizes),
 * BENCH_RESULTS_DIR, CHROMIUM_PATH.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { startEmulator } from '@private-video/emulator';
import type { BenchEnv } from './benchEnv';
import { launchChromium } from './browser';
import { buildPages } from './buildPages';
import { machineInfo } from './machine';
import { resultsDir } from './paths';
import { formatReport } from './report/formatReport';
import type { BenchResults } from './results';
import { measureCoverage } from './scenarios/coverage';
import { fallbackLatencyMs, measureFallback } from './scenarios/fallback';
import { measureSessions } from './scenarios/sessions';
import { defaultStartupRounds, measureStartup, startupLatencyMs } from './scenarios/startup';
import { measureCoreBreakdown } from './sizes/measureCoreBreakdown';
import { measureCoreFloor } from './sizes/measureCoreFloor';
import { measureSizes } from './sizes/measureSizes';
import { runSizeLimit } from './sizes/runSizeLimit';
import { startStaticServer } from './staticServer';

const startupRounds = Number(process.env.BENCH_STARTUP_ROUNDS ?? defaultStartupRounds);
const fallbackRounds = Number(process.env.BENCH_FALLBACK_ROUNDS ?? 3);
const only = new Set((process.env.BENCH_ONLY ?? 'sessions,coverage,startup,fallback,sizes').split(','));

function step<T>(name: string, run: () => Promise<T> | T, skipped: T): Promise<T> {
  if (!only.has(name)) return Promise.resolve(skipped);
  const started = Date.now();
  process.stderr.write(`bench: ${name}…`);
  return Promise.resolve(run()).then((value) => {
    process.stderr.write(` ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return value;
  });
}

const started = Date.now();
await buildPages();
const emulator = await startEmulator({ port: 0 });
const server = await startStaticServer();
const browser = await launchChromium();
const env: BenchEnv = { browser, emulator, pagesUrl: server.url };

try {
  const sessions = await step('sessions', () => measureSessions(env), []);
  const coverage = await step('coverage', () => measureCoverage(env), []);
  const startup = await step('startup', () => measureStartup(env, startupRounds), []);
  const fallback = await step('fallback', () => measureFallback(env, fallbackRounds), []);
  const sizes = await step('sizes', measureSizes, []);
  const budgets = await step('sizes', runSizeLimit, []);
  const coreFloor = await step('sizes', measureCoreFloor, []);
  const coreBreakdown = await step('sizes', measureCoreBreakdown, []);
  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    machine: machineInfo(browser),
    settings: { startupRounds, startupLatencyMs, fallbackRounds, fallbackLatencyMs },
    sessions,
    coverage,
    startup,
    fallback,
    sizes,
    budgets,
    coreFloor,
    coreBreakdown,
    durationSeconds: (Date.now() - started) / 1000,
  };
  const report = formatReport(results);
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(`${resultsDir}/latest.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${resultsDir}/latest.md`, `${report}\n`);
  console.log(report);
  // The mp4 of a fallback is an asset too: one fetched without `avh` is a signing failure, and so is a run
  // that fetched none (its check saw nothing).
  const mp4Failures = fallback.flatMap((row) => row.runs).filter((run) => !run.mp4SigningOk).length;
  const wrong = [...sessions, ...coverage].filter((row) => !row.ok).length + mp4Failures;
  if (wrong > 0) {
    console.error(`bench: ${wrong} session/signing check(s) failed`);
    process.exitCode = 1;
  }
  // The report marks a budget over its limit with ❌: the command says so too, as `test:size` does in CI.
  const overBudget = budgets.filter((row) => !row.passed).length;
  if (overBudget > 0) {
    console.error(`bench: ${overBudget} size budget(s) exceeded (see \`npm run test:size\`)`);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  await server.close();
  await emulator.close();
}
