import { describe, expect, it } from 'vitest';
import type { BenchResults } from '../results';
import type { FallbackRun } from '../scenarios/fallback';
import { formatReport } from './formatReport';

const empty: BenchResults = {
  generatedAt: '2026-01-01T00:00:00.000Z',
  machine: {
    cpu: 'cpu',
    cores: 2,
    memoryGb: 4,
    node: 'v20',
    chromium: '1',
    platform: 'linux',
    loadAverage: 0,
  },
  settings: { startupRounds: 8, startupLatencyMs: 40, fallbackRounds: 1, fallbackLatencyMs: 40 },
  sessions: [],
  coverage: [],
  startup: [],
  fallback: [],
  sizes: [],
  budgets: [],
  coreFloor: [],
  coreBreakdown: [],
  durationSeconds: 1,
};
const size = { initial: { min: 15_780, gzip: 4_500 }, lazy: [] };

describe('formatReport', () => {
  it("marks a size row's note and prints it under the table", () => {
    const report = formatReport({
      ...empty,
      sizes: [
        { id: 'a', library: 'private-video', name: 'page: player (over React)', sizes: size },
        {
          id: 'b',
          library: '@api.video/react-player',
          name: 'wrapper',
          sizes: size,
          note: 'Not its player.',
        },
      ],
    });
    const lines = report.split('\n');
    expect(lines.find((line) => line.includes('| @api.video/react-player |'))).toContain('| wrapper ¹ |');
    expect(lines.find((line) => line.includes('| private-video |'))).not.toContain('¹');
    expect(report).toMatch(/\| wrapper ¹ \|[^\n]*\n\n¹ Not its player\./);
  });

  it('fails a fallback run without any mp4 request, and says why', () => {
    const run = (mp4Requests: number, mp4Unsigned: number, mp4SigningOk: boolean) =>
      ({ mp4Requests, mp4Unsigned, mp4SigningOk, timedOut: false, errors: [] }) as unknown as FallbackRun;
    const report = formatReport({
      ...empty,
      fallback: [
        {
          name: 'manifest fails at startup',
          engine: 'hls.js',
          runs: [run(1, 0, true), run(0, 0, false), run(2, 1, false)],
          medianToPlaying: 70,
          medianPositionError: 0,
          medianDetection: 700,
          medianPositionErrorVsViewer: 0,
          medianFailureToPlaying: 600,
          medianStalled: Number.NaN,
        },
      ],
    });
    expect(report).toContain('| 0 of 1, 0 of 0 ❌, 1 of 2 ❌ |');
    expect(report).toContain('run 2: no mp4 request, so none was checked for `avh`');
    expect(report).toContain('run 3: 1 of 2 mp4 requests without `avh`');
  });
});
