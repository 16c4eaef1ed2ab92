import { gridVideoIds, type LogEntry } from '@private-video/emulator';
import type { BenchEnv } from '../benchEnv';
import { countKind, entriesForTokens, lastSeq } from '../emulatorLog';
import { type PageRun, type PageRunOptions, runPage } from '../runPage';
import { allSigned, type UnsignedRequests, unsignedRequests } from '../unsignedRequests';

/**
 * `assetRequests` are the thumbnails' images, and on the pages with a player its poster, manifest, playlists
 * and segments: the coverage scenario's player never renders a `PrivateThumbnail`, whose `<img>` is checked here.
 */
export interface SessionsResult extends UnsignedRequests {
  name: string;
  /** Distinct private tokens on the page. */
  tokens: number;
  /**
   * The `/session` requests there should be: one per token, but one per video where a component is given a new
   * token of a video whose session already lives (a later fetch of it).
   */
  expected: number;
  sessionRequests: number;
  /** `PrivateThumbnail`s on the page: each must have requested its image, or its signing was never checked. */
  thumbnails: number;
  /** Thumbnail images the emulator logged (a player's poster is one too). */
  thumbnailRequests: number;
  ok: boolean;
  timedOut: boolean;
  errors: string[];
}

/**
 * How long each page stays open once its marks are in: a late duplicate `/session` (a second StrictMode mount,
 * a player's, a remount's) would come right after them, and a closed page sends nothing. A window to observe
 * what may happen, not a wait for something known to come.
 */
const lateDuplicatesMs = 500;

/** One sessions page, with what the emulator logged while it was open (runs are sequential: all of it is its). */
interface ObservedPage {
  run: PageRun;
  logged: LogEntry[];
}

async function observePage(
  env: BenchEnv,
  options: Pick<PageRunOptions, 'page' | 'config' | 'until'>,
): Promise<ObservedPage> {
  const since = lastSeq(env.emulator);
  const run = await runPage(env, { ...options, variant: 'dev', keepOpenMs: lateDuplicatesMs });
  return { run, logged: env.emulator.log({ since }) };
}

const pairDone =
  'r.errors.length > 0 || (r.marks.thumbnailLoaded !== undefined && r.marks.playing !== undefined)';

/** Sessions per page, under StrictMode (React's development build, where effects run twice). */
export async function measureSessions(env: BenchEnv): Promise<SessionsResult[]> {
  const pair = env.emulator.mintToken('viPrivateTs');
  const pairPage = await observePage(env, {
    page: 'sessions-pair',
    config: { emulatorUrl: env.emulator.url, videoId: pair.videoId, privateToken: pair.privateToken },
    until: pairDone,
  });
  const listed = env.emulator.mintToken('viPrivateTs');
  const watched = env.emulator.mintToken('viPrivateTs');
  const watchPage = await observePage(env, {
    page: 'sessions-pair',
    config: {
      emulatorUrl: env.emulator.url,
      videoId: listed.videoId,
      privateToken: listed.privateToken,
      playerToken: watched.privateToken,
    },
    until: pairDone,
  });
  const grid = gridVideoIds.map((videoId) => env.emulator.mintToken(videoId));
  const gridPage = await observePage(env, {
    page: 'sessions-grid',
    config: {
      emulatorUrl: env.emulator.url,
      videos: grid.map(({ videoId, privateToken }) => ({ videoId, privateToken })),
    },
    until: `r.errors.length > 0 || r.values.thumbnailsLoaded >= ${grid.length}`,
  });

  const result = (
    name: string,
    tokens: string[],
    { run, logged }: ObservedPage,
    { expected = tokens.length, thumbnails }: { expected?: number; thumbnails: number },
  ): SessionsResult => {
    const sessionRequests = countKind(entriesForTokens(env.emulator, tokens), 'session');
    const thumbnailRequests = countKind(logged, 'thumbnail');
    const signing = unsignedRequests(logged, run.requests, env.pagesUrl);
    const ok =
      !run.timedOut &&
      run.errors.length === 0 &&
      sessionRequests === expected &&
      thumbnailRequests >= thumbnails &&
      allSigned(signing);
    const { timedOut, errors } = run;
    return {
      name,
      tokens: tokens.length,
      expected,
      sessionRequests,
      thumbnails,
      thumbnailRequests,
      ...signing,
      ok,
      timedOut,
      errors,
    };
  };
  return [
    result('thumbnail + player, one video (StrictMode)', [pair.privateToken], pairPage, { thumbnails: 1 }),
    result(
      "a list's thumbnail, then a watch page's player of a later fetch (StrictMode)",
      [listed.privateToken, watched.privateToken],
      watchPage,
      { expected: 1, thumbnails: 1 },
    ),
    result(
      `grid of ${grid.length} thumbnails (StrictMode)`,
      grid.map((token) => token.privateToken),
      gridPage,
      { thumbnails: grid.length },
    ),
  ];
}
