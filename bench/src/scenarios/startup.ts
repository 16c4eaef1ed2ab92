import type { BenchEnv } from '../benchEnv';
import { countKind, entriesForTokens } from '../emulatorLog';
import { type PageRun, runPage } from '../runPage';
import { between, max, median, min } from '../stats';
import { roundOrder } from './roundOrder';

export const startupLatencyMs = 40;

interface Variant {
  name: string;
  /** What the page gets, minted fresh for every run (a private token opens one session only). */
  config(env: BenchEnv): Promise<{ config: object; tokens: string[] }>;
}

const base = (env: BenchEnv) => ({ emulatorUrl: env.emulator.url, engine: 'hls.js' });

/** The private video with a private token minted for this run, and the page's `extra` settings. */
const privateVariant = (name: string, extra: object = {}): Variant => ({
  name,
  async config(env) {
    const token = env.emulator.mintToken('viPrivateTs');
    const config = { ...base(env), videoId: 'viPrivateTs', privateToken: token.privateToken, ...extra };
    return { config, tokens: [token.privateToken] };
  },
});

/** The same media as a public video (no session at all), with the page's `extra` settings. */
const publicVariant = (name: string, extra: object = {}): Variant => ({
  name,
  async config(env) {
    return { config: { ...base(env), videoId: 'viPublicTs', ...extra }, tokens: [] };
  },
});

/**
 * The variants, grouped as they are compared: each private variant with its public baseline (the report gives
 * their ratio, also round by round), run one after the other (`roundOrder`). The server-opened session has no
 * baseline of its own: a group of one.
 */
const groups: Variant[][] = [
  [privateVariant('private (viPrivateTs)'), publicVariant('public, same media (viPublicTs)')],
  [
    privateVariant('private, session opened by a thumbnail', { thumbnailFirst: true }),
    // The fair baseline of the row above: the player also mounts once a thumbnail has loaded, on a page
    // that has settled (its script run, a connection to the delivery open), but no session is involved.
    publicVariant('public, mounted after its thumbnail loaded', { thumbnailFirst: true }),
  ],
  // The engine (hls.js) loaded before the mount, as on a page that has played a video already: the
  // engine's download no longer hides the session's round trip, which these two rows show.
  [
    privateVariant('private, engine already loaded', { warmEngine: true }),
    publicVariant('public, engine already loaded', { warmEngine: true }),
  ],
  [
    {
      name: 'private, server-opened session',
      async config(env) {
        const token = env.emulator.mintToken('viPrivateTs');
        // What a server does (seed 001): spend the private token itself and hand the session to the page.
        const response = await fetch(token.urls.session);
        const { session_token } = (await response.json()) as { session_token: string };
        const config = {
          ...base(env),
          videoId: 'viPrivateTs',
          privateToken: token.privateToken,
          session: { token: session_token },
        };
        return { config, tokens: [token.privateToken] };
      },
    },
  ],
];
const variants = groups.flat();

/** Enough rounds for every group in every position, with both orders of its pair (see `roundOrder`). */
export const defaultStartupRounds = 2 * groups.length;

export interface StartupRun {
  /** Mount of the player → first presented frame (`requestVideoFrameCallback`). */
  fromMount: number;
  /** Navigation start → first frame (includes loading the page's JavaScript). */
  fromNavigation: number;
  /** Mount → the page's first manifest request: what comes before HLS starts (the session, for a private video). */
  toManifestRequest: number;
  /** `/session` requests the page made itself (the server-opened variant's own fetch is not the page's). */
  pageSessionRequests: number;
  timedOut: boolean;
  errors: string[];
}

export interface StartupResult {
  name: string;
  runs: StartupRun[];
  medianFromMount: number;
  /** Runs that reached a first frame: the median is over these only. */
  samples: number;
  minFromMount: number;
  maxFromMount: number;
  medianFromNavigation: number;
  medianToManifestRequest: number;
}

/**
 * Time to first frame with `startupLatencyMs` on every emulator response, after one discarded warm-up round.
 * Rounds are counterbalanced (`roundOrder`): a private run and its public pair run one after the other, the
 * private one first in even rounds and second in odd ones, so drift and order hit both alike.
 */
export async function measureStartup(env: BenchEnv, rounds: number): Promise<StartupResult[]> {
  const runs: StartupRun[][] = variants.map(() => []);
  env.emulator.setLatency(startupLatencyMs);
  try {
    for (let round = -1; round < rounds; round++) {
      // The warm-up round (-1, discarded) runs in round 0's order.
      for (const variant of roundOrder(groups, Math.max(round, 0))) {
        const index = variants.indexOf(variant);
        const { config, tokens } = await variant.config(env);
        // Sessions the server variant opened before the page existed are not the page's.
        const sessionsBefore = countKind(entriesForTokens(env.emulator, tokens), 'session');
        const run = await runPage(env, {
          variant: 'prod',
          page: 'player',
          config,
          until: 'r.errors.length > 0 || (r.marks.firstFrame !== undefined && r.marks.playing !== undefined)',
        });
        const sessions = countKind(entriesForTokens(env.emulator, tokens), 'session') - sessionsBefore;
        if (round >= 0) runs[index]!.push(toStartupRun(run, sessions));
      }
    }
  } finally {
    env.emulator.setLatency(0);
  }
  return variants.map((variant, index) => {
    const own = runs[index]!;
    const fromMount = own.map((run) => run.fromMount);
    return {
      name: variant.name,
      runs: own,
      medianFromMount: median(fromMount),
      samples: fromMount.filter((value) => Number.isFinite(value)).length,
      minFromMount: min(fromMount),
      maxFromMount: max(fromMount),
      medianFromNavigation: median(own.map((run) => run.fromNavigation)),
      medianToManifestRequest: median(own.map((run) => run.toManifestRequest)),
    };
  });
}

function toStartupRun(run: PageRun, pageSessionRequests: number): StartupRun {
  const failed = run.timedOut || run.errors.length > 0;
  const firstFrame = failed ? undefined : run.marks.firstFrame;
  const manifest = run.resources.find((resource) => resource.url.endsWith('/manifest.m3u8'));
  return {
    toManifestRequest: between(run.marks.mount, failed ? undefined : manifest?.startTime),
    fromMount: between(run.marks.mount, firstFrame),
    fromNavigation: between(0, firstFrame),
    pageSessionRequests,
    timedOut: run.timedOut,
    errors: run.errors,
  };
}
