import type { PlaybackEngineName } from '@private-video/core';
import type { FaultSpec } from '@private-video/emulator';
import type { Page } from 'playwright-core';
import type { BenchEnv } from '../benchEnv';
import { lastSeq } from '../emulatorLog';
import { runPage } from '../runPage';
import { between, median } from '../stats';

export const fallbackLatencyMs = 40;
const videoId = 'viPrivateTs';
/** Where the mid-stream fault is injected, in seconds of playback. */
const midStreamAt = 3;

interface Variant {
  name: string;
  engine: PlaybackEngineName;
  /** The HLS failure. A 500 is a plain delivery failure (a 404 would first make core check the session). */
  fault: FaultSpec;
  /** Inject the fault once playback reaches `midStreamAt`; otherwise before the page loads. */
  midStream: boolean;
}

/** Each failure with each engine that plays HLS through Media Source Extensions. */
const variants: Variant[] = (['hls.js', 'video.js'] as const).flatMap((engine) => [
  {
    name: 'manifest fails at startup',
    engine,
    fault: { match: { videoId, kind: 'manifest' }, status: 500 },
    midStream: false,
  },
  {
    name: 'segments fail at startup (autoPlay)',
    engine,
    fault: { match: { videoId, kind: 'segment' }, status: 500 },
    midStream: false,
  },
  {
    name: `segments fail mid-stream (at ${midStreamAt} s)`,
    engine,
    fault: { match: { videoId, kind: 'segment' }, status: 500 },
    midStream: true,
  },
]);

/**
 * Mid-stream, a short buffer (2 s ahead), so the engine still needs segments when the fault starts (the video
 * is 12 s long): hls.js's own options; VHS's are global, set by the page (see `shortVhsBuffers`).
 */
const shortBuffer = { maxBufferLength: 2, maxMaxBufferLength: 2 };

export interface FallbackRun {
  /** `fallback` event → first `playing` of the mp4 (its first `timeupdate` comes with or after it). */
  toPlaying: number;
  /** Player mount → `fallback` event: how long HLS took to give up (hls.js retries included). */
  detection: number;
  /** The position the `fallback` event announced, in seconds. */
  position: number;
  /** |currentTime when the mp4 starts playing − announced position|, in seconds. */
  positionError: number;
  /** The viewer's position at the last frame before the fallback (read by the page, not by the player). */
  positionBefore: number;
  /** |currentTime when the mp4 starts playing − `positionBefore`|: the error the viewer sees. */
  positionErrorVsViewer: number;
  /** First response the fault answered (the HLS failure) → first `playing` of the mp4, in ms. */
  failureToPlaying: number;
  /**
   * The video stopping after it had played (its last `waiting` before the fallback, with no `playing` since) →
   * the mp4's first `playing`: the freeze a viewer sees.
   */
  stalled: number;
  /** mp4 requests of the run, and those without `avh`. */
  mp4Requests: number;
  mp4Unsigned: number;
  /** The run's signing check (`mp4Signed`): it fails the bench, as the sessions and coverage checks do. */
  mp4SigningOk: boolean;
  timedOut: boolean;
  errors: string[];
}

export interface FallbackResult {
  name: string;
  engine: PlaybackEngineName;
  runs: FallbackRun[];
  medianToPlaying: number;
  medianPositionError: number;
  medianDetection: number;
  medianPositionErrorVsViewer: number;
  medianFailureToPlaying: number;
  medianStalled: number;
}

/** HLS → mp4 fallback with each engine: how fast the mp4 plays, and where. Variants alternate. */
export async function measureFallback(env: BenchEnv, rounds: number): Promise<FallbackResult[]> {
  const runs: FallbackRun[][] = variants.map(() => []);
  env.emulator.setLatency(fallbackLatencyMs);
  try {
    for (let round = 0; round < rounds; round++) {
      for (let step = 0; step < variants.length; step++) {
        const index = (round + step) % variants.length;
        runs[index]!.push(await runFallback(env, variants[index]!));
      }
    }
  } finally {
    env.emulator.setLatency(0);
  }
  return variants.map((variant, index) => {
    const own = runs[index]!;
    return {
      name: variant.name,
      engine: variant.engine,
      runs: own,
      medianToPlaying: median(own.map((run) => run.toPlaying)),
      medianPositionError: median(own.map((run) => run.positionError)),
      medianDetection: median(own.map((run) => run.detection)),
      medianPositionErrorVsViewer: median(own.map((run) => run.positionErrorVsViewer)),
      medianFailureToPlaying: median(own.map((run) => run.failureToPlaying)),
      medianStalled: median(own.map((run) => run.stalled)),
    };
  });
}

/**
 * Every mp4 request carried `avh`, and there was at least one: a run that never fetched the mp4 (it timed out,
 * or never fell back) has checked nothing, and must not pass for signed.
 */
export function mp4Signed(run: Pick<FallbackRun, 'mp4Requests' | 'mp4Unsigned'>): boolean {
  return run.mp4Requests > 0 && run.mp4Unsigned === 0;
}

async function runFallback(env: BenchEnv, variant: Variant): Promise<FallbackRun> {
  const token = env.emulator.mintToken(videoId);
  let faultId: string | undefined;
  const inject = () => {
    faultId = env.emulator.addFault(variant.fault).id;
  };
  const since = lastSeq(env.emulator);
  if (!variant.midStream) inject();
  try {
    const run = await runPage(env, {
      variant: 'prod',
      page: 'player',
      config: {
        emulatorUrl: env.emulator.url,
        videoId,
        privateToken: token.privateToken,
        engine: variant.engine,
        ...(variant.midStream ? { hlsConfig: shortBuffer, shortVhsBuffers: true } : {}),
      },
      during: variant.midStream
        ? async (page: Page) => {
            await page.waitForFunction(`window.__bench?.values.currentTime >= ${midStreamAt}`, undefined, {
              timeout: 20_000,
              polling: 100,
            });
            inject();
          }
        : undefined,
      until: 'r.errors.length > 0 || r.marks.playingAfterFallback !== undefined',
      timeoutMs: 30_000,
    });
    const { marks, values } = run;
    const position = Number(values.fallbackPosition ?? Number.NaN);
    const positionBefore = Number(values.positionBeforeFallback ?? Number.NaN);
    const startedAt = Number(values.currentTimeAtPlayingAfterFallback ?? Number.NaN);
    const logged = env.emulator.log({ since });
    // Emulator times are epoch ms, the page's are ms since its time origin: the same clock, on one machine.
    const firstFault = logged.find((entry) => entry.rule === 'fault');
    const failureAt = firstFault === undefined ? undefined : firstFault.time - run.timeOrigin;
    const mp4 = logged.filter((entry) => entry.kind === 'mp4');
    const mp4Requests = mp4.length;
    const mp4Unsigned = mp4.filter((entry) => !entry.avh).length;
    return {
      positionBefore,
      positionErrorVsViewer: Math.abs(startedAt - positionBefore),
      failureToPlaying: between(failureAt, marks.playingAfterFallback),
      stalled: between(marks.waitingBeforeFallback, marks.playingAfterFallback),
      mp4Requests,
      mp4Unsigned,
      mp4SigningOk: mp4Signed({ mp4Requests, mp4Unsigned }),
      toPlaying: between(marks.fallback, marks.playingAfterFallback),
      detection: between(marks.mount, marks.fallback),
      position,
      positionError: Math.abs(Number(values.currentTimeAtPlayingAfterFallback ?? Number.NaN) - position),
      timedOut: run.timedOut,
      errors: run.errors,
    };
  } finally {
    if (faultId) env.emulator.removeFault(faultId);
  }
}
