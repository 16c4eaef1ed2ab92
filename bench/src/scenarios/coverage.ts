import type { PlaybackEngineName } from '@private-video/core';
import type { RequestKind } from '@private-video/emulator';
import type { BenchEnv } from '../benchEnv';
import { kindsOf, lastSeq } from '../emulatorLog';
import { runPage } from '../runPage';
import { allSigned, assetEntries, type UnsignedRequests, unsignedRequests } from '../unsignedRequests';

/** `assetRequests` are manifests, playlists, segments, init, keys, subtitles and the poster. */
export interface CoverageResult extends UnsignedRequests {
  engine: PlaybackEngineName;
  videoId: string;
  flavour: string;
  /** Logged by the emulator on another path than this run's private token (e.g. the public one). */
  offTokenPath: number;
  /** Answers ≥ 400 (an unsigned request would be refused, and would spend the private token). */
  refused: number;
  kinds: Record<string, number>;
  /** Kinds the flavour must request (e.g. keys and subtitles for fMP4) that the run never requested. */
  missingKinds: RequestKind[];
  /** Seconds played when the run stopped. */
  played: number;
  ok: boolean;
  timedOut: boolean;
  errors: string[];
}

const engines: PlaybackEngineName[] = ['hls.js', 'video.js'];
const tsKinds: RequestKind[] = ['thumbnail', 'manifest', 'playlist', 'segment'];
const flavours = [
  { videoId: 'viPrivateTs', flavour: 'TS', expected: tsKinds },
  {
    videoId: 'viPrivateFmp4',
    flavour: 'fMP4 + AES-128 + audio + subs',
    expected: [...tsKinds, 'key', 'init', 'subtitle'] as RequestKind[],
  },
];
/** Long enough for several segments of every rendition the player picks, the key and subtitles. */
const playSeconds = 4;

/** Signing coverage: every asset request of a private video must carry `avh`, for each engine and flavour. */
export async function measureCoverage(env: BenchEnv): Promise<CoverageResult[]> {
  const results: CoverageResult[] = [];
  for (const engine of engines) {
    for (const { videoId, flavour, expected } of flavours) {
      const token = env.emulator.mintToken(videoId);
      // Runs are sequential: everything logged from here on is this run's, on whatever path it came.
      const since = lastSeq(env.emulator);
      const run = await runPage(env, {
        variant: 'prod',
        page: 'player',
        config: {
          emulatorUrl: env.emulator.url,
          videoId,
          privateToken: token.privateToken,
          engine,
          subtitles: true,
        },
        until: `r.errors.length > 0 || r.values.currentTime >= ${playSeconds}`,
        timeoutMs: 30_000,
      });
      const logged = env.emulator.log({ since });
      const assets = assetEntries(logged);
      const signing = unsignedRequests(logged, run.requests, env.pagesUrl);
      const refused = assets.filter((entry) => entry.status >= 400).length;
      const offTokenPath = assets.filter((entry) => entry.privateToken !== token.privateToken).length;
      const kinds = kindsOf(assets);
      const missingKinds = expected.filter((kind) => !kinds[kind]);
      results.push({
        engine,
        videoId,
        flavour,
        ...signing,
        offTokenPath,
        refused,
        kinds,
        missingKinds,
        played: Number(run.values.currentTime ?? 0),
        ok:
          allSigned(signing) &&
          offTokenPath === 0 &&
          refused === 0 &&
          missingKinds.length === 0 &&
          !run.timedOut &&
          run.errors.length === 0,
        timedOut: run.timedOut,
        errors: run.errors,
      });
    }
  }
  return results;
}
