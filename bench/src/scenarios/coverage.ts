import type { PlaybackEngineName } from '@private-video/core';
import type { RequestKind } from '@private-video/emulator';
import type { BenchEnv } from '../benchEnv';
import { kindsOf, lastSeq } from '../emulatorLog';
import { type RequestSeen, runPage } from '../runPage';

export interface CoverageResult {
  engine: PlaybackEngineName;
  videoId: string;
  flavour: string;
  /** Every request of the run but `/session`: manifests, playlists, segments, init, keys, subtitles, poster. */
  assetRequests: number;
  /** Logged by the emulator without `avh`, whatever path they took (the token's, another, none). */
  unsigned: number;
  /** Logged by the emulator on another path than this run's private token (e.g. the public one). */
  offTokenPath: number;
  /**
   * Issued by the browser without `avh`, to any origin but the bench pages' (the `/session` request aside):
   * also sees what the emulator never logs (another origin, a request refused before it was sent).
   */
  unsignedSeenByBrowser: string[];
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
      const assets = env.emulator.log({ since }).filter((entry) => entry.kind !== 'session');
      const unsigned = assets.filter((entry) => !entry.avh).length;
      const refused = assets.filter((entry) => entry.status >= 400).length;
      const offTokenPath = assets.filter((entry) => entry.privateToken !== token.privateToken).length;
      const unsignedSeenByBrowser = browserUnsigned(run.requests, env.pagesUrl);
      const kinds = kindsOf(assets);
      const missingKinds = expected.filter((kind) => !kinds[kind]);
      results.push({
        engine,
        videoId,
        flavour,
        assetRequests: assets.length,
        unsigned,
        offTokenPath,
        unsignedSeenByBrowser,
        refused,
        kinds,
        missingKinds,
        played: Number(run.values.currentTime ?? 0),
        ok:
          unsigned === 0 &&
          offTokenPath === 0 &&
          unsignedSeenByBrowser.length === 0 &&
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

/** Requests the browser sent without `avh` anywhere but the bench pages' own server (URLs without query). */
function browserUnsigned(requests: readonly RequestSeen[], pagesUrl: string): string[] {
  const pagesOrigin = new URL(pagesUrl).origin;
  return requests
    .filter(({ url }) => /^https?:/.test(url))
    .map(({ url }) => new URL(url))
    .filter((url) => url.origin !== pagesOrigin && !url.pathname.endsWith('/session'))
    .filter((url) => !url.searchParams.has('avh'))
    .map((url) => url.origin + url.pathname);
}
