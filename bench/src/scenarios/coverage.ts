import type { PlaybackEngineName } from '@private-video/core';
import type { BenchEnv } from '../benchEnv';
import { entriesForTokens, kindsOf } from '../emulatorLog';
import { runPage } from '../runPage';

export interface CoverageResult {
  engine: PlaybackEngineName;
  videoId: string;
  flavour: string;
  /** Every request of the run but `/session`: manifests, playlists, segments, init, keys, subtitles, poster. */
  assetRequests: number;
  unsigned: number;
  /** Answers ≥ 400 (an unsigned request would be refused, and would spend the private token). */
  refused: number;
  kinds: Record<string, number>;
  /** Seconds played when the run stopped. */
  played: number;
  ok: boolean;
  timedOut: boolean;
  errors: string[];
}

const engines: PlaybackEngineName[] = ['hls.js', 'video.js'];
const flavours = [
  { videoId: 'viPrivateTs', flavour: 'TS' },
  { videoId: 'viPrivateFmp4', flavour: 'fMP4 + AES-128 + audio + subs' },
];
/** Long enough for several segments of every rendition the player picks, the key and subtitles. */
const playSeconds = 4;

/** Signing coverage: every asset request of a private video must carry `avh`, for each engine and flavour. */
export async function measureCoverage(env: BenchEnv): Promise<CoverageResult[]> {
  const results: CoverageResult[] = [];
  for (const engine of engines) {
    for (const { videoId, flavour } of flavours) {
      const token = env.emulator.mintToken(videoId);
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
      const assets = entriesForTokens(env.emulator, [token.privateToken]).filter(
        (entry) => entry.kind !== 'session',
      );
      const unsigned = assets.filter((entry) => !entry.avh).length;
      results.push({
        engine,
        videoId,
        flavour,
        assetRequests: assets.length,
        unsigned,
        refused: assets.filter((entry) => entry.status >= 400).length,
        kinds: kindsOf(assets),
        played: Number(run.values.currentTime ?? 0),
        ok: unsigned === 0 && assets.length > 0 && !run.timedOut && run.errors.length === 0,
        timedOut: run.timedOut,
        errors: run.errors,
      });
    }
  }
  return results;
}
