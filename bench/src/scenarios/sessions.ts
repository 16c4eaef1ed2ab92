import { setTimeout as sleep } from 'node:timers/promises';
import { gridVideoIds } from '@private-video/emulator';
import type { BenchEnv } from '../benchEnv';
import { countKind, entriesForTokens } from '../emulatorLog';
import { runPage } from '../runPage';

export interface SessionsResult {
  name: string;
  /** Distinct private tokens on the page. */
  tokens: number;
  /**
   * The `/session` requests there should be: one per token, but one per video where a component is given a new
   * token of a video whose session already lives (a later fetch of it).
   */
  expected: number;
  sessionRequests: number;
  ok: boolean;
  timedOut: boolean;
  errors: string[];
}

/** Late duplicates (a second StrictMode mount) would arrive right after the first; give them time. */
const settleMs = 500;

/** Sessions per page, under StrictMode (React's development build, where effects run twice). */
export async function measureSessions(env: BenchEnv): Promise<SessionsResult[]> {
  const pair = env.emulator.mintToken('viPrivateTs');
  const pairRun = await runPage(env, {
    variant: 'dev',
    page: 'sessions-pair',
    config: { emulatorUrl: env.emulator.url, videoId: pair.videoId, privateToken: pair.privateToken },
    until: 'r.errors.length > 0 || (r.marks.thumbnailLoaded !== undefined && r.marks.playing !== undefined)',
  });
  await sleep(settleMs);
  const listed = env.emulator.mintToken('viPrivateTs');
  const watched = env.emulator.mintToken('viPrivateTs');
  const watchRun = await runPage(env, {
    variant: 'dev',
    page: 'sessions-pair',
    config: {
      emulatorUrl: env.emulator.url,
      videoId: listed.videoId,
      privateToken: listed.privateToken,
      playerToken: watched.privateToken,
    },
    until: 'r.errors.length > 0 || (r.marks.thumbnailLoaded !== undefined && r.marks.playing !== undefined)',
  });
  await sleep(settleMs);
  const grid = gridVideoIds.map((videoId) => env.emulator.mintToken(videoId));
  const gridRun = await runPage(env, {
    variant: 'dev',
    page: 'sessions-grid',
    config: {
      emulatorUrl: env.emulator.url,
      videos: grid.map(({ videoId, privateToken }) => ({ videoId, privateToken })),
    },
    until: `r.errors.length > 0 || r.values.thumbnailsLoaded >= ${grid.length}`,
  });
  await sleep(settleMs);

  const result = (
    name: string,
    tokens: string[],
    run: typeof pairRun,
    expected = tokens.length,
  ): SessionsResult => {
    const sessionRequests = countKind(entriesForTokens(env.emulator, tokens), 'session');
    const ok = !run.timedOut && run.errors.length === 0 && sessionRequests === expected;
    const { timedOut, errors } = run;
    return { name, tokens: tokens.length, expected, sessionRequests, ok, timedOut, errors };
  };
  return [
    result('thumbnail + player, one video (StrictMode)', [pair.privateToken], pairRun),
    result(
      "a list's thumbnail, then a watch page's player of a later fetch (StrictMode)",
      [listed.privateToken, watched.privateToken],
      watchRun,
      1,
    ),
    result(
      `grid of ${grid.length} thumbnails (StrictMode)`,
      grid.map((token) => token.privateToken),
      gridRun,
    ),
  ];
}
