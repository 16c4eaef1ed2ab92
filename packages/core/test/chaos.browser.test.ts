/**
 * A seeded chaos soak: real hls.js, video.js and Chromium's native HLS playing real media from the emulator
 * under random faults (statuses, delays, hangs, limits, sessions expired mid-play), checking invariants that
 * must hold whatever the faults. Each scenario is named by its seed: `vitest run --project core:browser
 * chaos -t "seed 1234567"` replays it (the fault choice depends on the seed only).
 */
import type { EmulatorControl, FaultSpec, LogEntry, RequestKind } from '@private-video/emulator/control';
import { createEmulatorControl } from '@private-video/emulator/control';
import { reachableStrings } from '@private-video/test-utils';
import videojs from 'video.js';
import { describe, expect, inject, it } from 'vitest';
import { shortVhsBuffers } from '../../../scripts/vitest/shortVhsBuffers';
import { PrivateVideoError, type PrivateVideoErrorCode } from '../src/errors/PrivateVideoError.js';
import { createPrivatePlayback, type PrivatePlayback } from '../src/playback/PrivatePlayback.js';
import type { PlaybackEngineName, PlaybackState } from '../src/playback/types.js';
import { SessionClient } from '../src/session/SessionClient.js';
import {
  cleanUpEachTest,
  control,
  createVideo,
  emulatorUrl,
  keep,
  once,
  playedPast,
} from './browserHelpers.js';

shortVhsBuffers(videojs);
cleanUpEachTest();

/** Native HLS needs the delivery to sign child URIs: the emulator with `manifestSigning` (globalSetup). */
const signingUrl = inject('signingEmulatorUrl');
const signing = createEmulatorControl(signingUrl);

// ---------------------------------------------------------------------------------------------------------
// Seeded choice

/** mulberry32: a small, well-mixed 32-bit PRNG; the same seed gives the same scenario everywhere. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Flavour = 'ts' | 'fmp4';
type Renewal = 'mint' | 'none' | 'throws';

interface Scenario {
  seed: number;
  engine: PlaybackEngineName;
  flavour: Flavour;
  videoId: string;
  /** Without `videoId`: each is scoped to the scenario's video when added. */
  faults: FaultSpec[];
  /** How `getPrivateToken` behaves: mints a fresh token, is missing, or throws. */
  renewal: Renewal;
  /** Media time at which the test control expires every session of the video. */
  expireAt: number | undefined;
  /** A token policy's `sessionTtl` (s): sessions die by themselves mid-play. */
  sessionTtl: number | undefined;
  /** Whether the client is told that TTL (so it renews ahead), or believes the default 24 h. */
  clientKnowsTtl: boolean;
  startTime: number;
  /** The outcome "playing" is reached once the video plays past this media time. */
  target: number;
}

const statuses = [404, 403, 410, 500, 503] as const;

function makeScenario(seed: number, engine: PlaybackEngineName, flavour: Flavour): Scenario {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const kinds: RequestKind[] =
    flavour === 'ts'
      ? ['manifest', 'playlist', 'segment', 'segment', 'mp4', 'session', 'thumbnail']
      : [
          'manifest',
          'playlist',
          'segment',
          'segment',
          'mp4',
          'session',
          'thumbnail',
          'init',
          'key',
          'subtitle',
        ];
  const paths =
    flavour === 'ts'
      ? ['seg_001', 'seg_003', '/v0/', '/v1/index.m3u8']
      : ['seg_001', 'seg_003', '/audio/', '/360p/index.m3u8', 'init_0'];
  const faults: FaultSpec[] = [];
  /** One delay per target at most: delays add up, and a /session must stay under the client's timeout. */
  const delayed = new Set<string>();
  const count = pick([0, 1, 1, 2, 2, 3]);
  for (let i = 0; i < count; i++) {
    const match: FaultSpec['match'] = chance(0.25) ? { path: pick(paths) } : { kind: pick(kinds) };
    const target = match.kind ?? match.path!;
    const shape = random();
    if ((match.kind === 'session' || match.kind === 'thumbnail') && shape < 0.3) {
      // A /session that hangs once (the client's timeout retries it with the unspent token), or a session
      // check that gets no answer (it counts as a network failure after `sessionCheckTimeout`).
      faults.push({ match, hang: true, count: 1 });
    } else if (shape < 0.5 && !delayed.has(target)) {
      delayed.add(target);
      const delayMs = pick([150, 300, 600]);
      faults.push(chance(0.5) ? { match, delayMs } : { match, delayMs, status: pick(statuses), count: 1 });
    } else {
      const fault: FaultSpec = { match, status: pick(statuses) };
      const limit = pick([undefined, 1, 2, 3]);
      const after = pick([undefined, undefined, 1, 2, 4]);
      if (limit !== undefined) fault.count = limit;
      if (after !== undefined) fault.after = after;
      faults.push(fault);
    }
  }
  const renewal = pick<Renewal>(['mint', 'mint', 'mint', 'none', 'throws']);
  const expire = chance(0.3);
  const shortTtl = !expire && chance(0.15);
  const clientKnowsTtl = chance(0.5);
  const startTime = expire || shortTtl ? pick([0, 2]) : pick([0, 0, 3, 7]);
  const expireAt = expire ? startTime + 0.5 : undefined;
  // Far enough past the expiry (buffers are 2 s) that requests meet the dead session.
  const target = expireAt !== undefined ? expireAt + 4 : shortTtl ? startTime + 7 : startTime + 1;
  return {
    seed,
    engine,
    flavour,
    videoId: flavour === 'ts' ? 'viPrivateTs' : 'viPrivateFmp4',
    faults,
    renewal,
    expireAt,
    sessionTtl: shortTtl ? 3 : undefined,
    clientKnowsTtl,
    startTime,
    target,
  };
}

function describeFault({ match, status, delayMs, hang, count, after }: FaultSpec): string {
  const what = match.kind ?? `"${match.path}"`;
  const action = hang ? 'hang' : [status, delayMs && `+${delayMs}ms`].filter(Boolean).join(' ');
  const limits = [count !== undefined && `x${count}`, after !== undefined && `after ${after}`].filter(
    Boolean,
  );
  return `${what} ${action}${limits.length ? ` (${limits.join(', ')})` : ''}`;
}

function describeScenario(s: Scenario): string {
  const parts = [
    s.faults.length ? s.faults.map(describeFault).join('; ') : 'no fault',
    s.expireAt !== undefined && `expire@${s.expireAt}s`,
    s.sessionTtl !== undefined && `sessionTtl ${s.sessionTtl}s${s.clientKnowsTtl ? ' (known)' : ''}`,
    s.startTime && `from ${s.startTime}s`,
    s.renewal === 'none' ? 'no getPrivateToken' : s.renewal === 'throws' ? 'getPrivateToken throws' : '',
  ];
  return `seed ${s.seed}: ${s.engine}/${s.flavour}: ${parts.filter(Boolean).join(', ')}`;
}

// ---------------------------------------------------------------------------------------------------------
// Running one scenario

/** The codes the README documents; `aborted` and `invalid-source` cannot come from a playback nobody stopped. */
const playbackCodes: ReadonlySet<PrivateVideoErrorCode> = new Set<PrivateVideoErrorCode>([
  'token-used',
  'forbidden',
  'network',
  'server',
  'malformed-response',
  'session-expired',
  'renewal-failed',
  'unsupported',
  'media',
]);

/** Long enough that any playable scenario has played or failed (a hang costs 2 s, a session check 1.5 s). */
const outcomeTimeout = 20_000;
/** Requests sent before `destroy()` may still be on their way to the emulator (same machine) for this long. */
const inFlight = 100;
/** After that: longer than hls.js's first retry (500 ms) and the session retry's backoff. */
const quietAfterDestroy = 800;

type Outcome =
  | { kind: 'playing'; at: number }
  | { kind: 'error'; error: unknown }
  | { kind: 'stuck'; state: PlaybackState; since: number };

interface Run {
  scenario: Scenario;
  outcome: Outcome;
  states: { state: PlaybackState; at: number }[];
  errors: unknown[];
  pageErrors: unknown[];
  sessionTokens: Set<string>;
  minted: Set<string>;
  /** Every request of the video, as logged once the quiet time after `destroy()` was over. */
  log: LogEntry[];
  /** Requests that reached the emulator after `destroy()` (counted on arrival by a pass-through fault). */
  arrivedAfterDestroy: number;
  /** Log entries written after `destroy()` (delayed or hung requests sent before it included). */
  loggedAfterDestroy: LogEntry[];
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function run(scenario: Scenario): Promise<Run> {
  const native = scenario.engine === 'native';
  const emulator: EmulatorControl = native ? signing : control;
  const origin = native ? signingUrl : emulatorUrl;
  const { videoId } = scenario;
  await emulator.reset();
  const pageErrors: unknown[] = [];
  const onError = (event: ErrorEvent) => pageErrors.push(event.error ?? event.message);
  const onRejection = (event: PromiseRejectionEvent) => pageErrors.push(event.reason);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  let playback: PrivatePlayback | undefined;
  try {
    const policy = scenario.sessionTtl === undefined ? undefined : { sessionTtl: scenario.sessionTtl };
    const minted = new Set<string>();
    const mint = async () => {
      const { privateToken } = await emulator.mintToken(videoId, policy);
      minted.add(privateToken);
      return privateToken;
    };
    const privateToken = await mint();
    // First, so it sees every request of the video as it arrives: a pass-through counter.
    const { id: counterId } = await emulator.addFault({ match: { videoId }, delayMs: 0 });
    for (const fault of scenario.faults)
      await emulator.addFault({ ...fault, match: { ...fault.match, videoId } });
    const getPrivateToken =
      scenario.renewal === 'mint'
        ? mint
        : scenario.renewal === 'throws'
          ? async () => {
              throw new Error('token backend down');
            }
          : undefined;
    const client = new SessionClient({
      storage: null,
      domains: { vod: origin },
      timeout: 2_000,
      ...(scenario.clientKnowsTtl && scenario.sessionTtl ? { sessionTtl: scenario.sessionTtl * 1000 } : {}),
    });
    const { video } = createVideo();
    video.playbackRate = 2; // half the wall time; the controller keeps the rate across its source changes
    const started = performance.now();
    const states: Run['states'] = [];
    const errors: unknown[] = [];
    const sessionTokens = new Set<string>();
    playback = keep(
      createPrivatePlayback(
        video,
        { videoId, privateToken, domains: { vod: origin } },
        {
          client,
          engine: scenario.engine,
          nativeHls: native,
          autoPlay: true,
          startTime: scenario.startTime || undefined,
          getPrivateToken,
          sessionCheckTimeout: 1_500,
          hlsConfig: { maxBufferLength: 2, maxMaxBufferLength: 2 },
        },
      ),
    );
    const current = playback;
    current.session.subscribe((state) => {
      if (state.session) sessionTokens.add(state.session.token);
    });
    current.on('state', (state) => states.push({ state, at: Math.round(performance.now() - started) }));
    let expiring: Promise<unknown> = Promise.resolve();
    if (scenario.expireAt !== undefined) {
      void playedPast(video, scenario.expireAt).then(() => {
        if (current.getState() !== 'error') expiring = emulator.expireSessions({ videoId });
      });
    }
    const outcome = await new Promise<Outcome>((resolve) => {
      const timer = setTimeout(() => {
        const last = states.at(-1);
        resolve({ kind: 'stuck', state: current.getState(), since: last?.at ?? 0 });
      }, outcomeTimeout);
      const settle = (result: Outcome) => {
        clearTimeout(timer);
        resolve(result);
      };
      void playedPast(video, scenario.target).then((at) => settle({ kind: 'playing', at }));
      current.on('error', (error) => {
        errors.push(error);
        settle({ kind: 'error', error });
      });
    });
    await expiring;
    const stateAtOutcome = current.getState();
    current.destroy();
    const arrived = async () =>
      (await emulator.faults()).find((fault) => fault.id === counterId)?.matched ?? Number.NaN;
    const lastSeq = (await emulator.log()).at(-1)?.seq ?? 0;
    // What was sent before `destroy()` (a request in flight, its answer read once it arrives) has reached the
    // emulator by then; from then on, whatever arrives was sent after.
    await wait(inFlight);
    const atDestroy = await arrived();
    await wait(quietAfterDestroy);
    const afterQuiet = await arrived();
    const log = (await emulator.log()).filter((entry) => entry.videoId === videoId);
    states.push({ state: stateAtOutcome, at: -1 }); // the state read at the outcome, for the checks
    return {
      scenario,
      outcome,
      states,
      errors,
      pageErrors,
      sessionTokens,
      minted,
      log,
      arrivedAfterDestroy: afterQuiet - atDestroy,
      loggedAfterDestroy: log.filter((entry) => entry.seq > lastSeq),
    };
  } finally {
    playback?.destroy();
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Invariants

const brief = (entry: LogEntry) =>
  `#${entry.seq} ${entry.kind} ${entry.path.replace(/\/token\/[^/]+/, '/token/…')} ${entry.status} ${entry.rule}${entry.avh ? '' : ' (no avh)'}`;

function checkInvariants(result: Run): string[] {
  const { scenario, outcome, log, errors } = result;
  const problems: string[] = [];

  // 1. No delivery request without avh: every one but /session carries the session.
  const unsigned = log.filter((entry) => entry.kind !== 'session' && !entry.avh);
  if (unsigned.length) problems.push(`1. requests without avh: ${unsigned.map(brief).join(' | ')}`);

  // 2. At most one /session per private token: a token is retried only after no answer, a 429 or a 5xx,
  // never once it was spent (opened a session, or found used) or refused with 403/404.
  const byToken = new Map<string, LogEntry[]>();
  for (const entry of log.filter((e) => e.kind === 'session')) {
    const token = entry.privateToken ?? '?';
    byToken.set(token, [...(byToken.get(token) ?? []), entry]);
    if (!result.minted.has(token)) problems.push(`2. /session with a token nobody minted: ${brief(entry)}`);
  }
  for (const entries of byToken.values()) {
    entries.sort((a, b) => a.seq - b.seq);
    const finalIndex = entries.findIndex(
      (entry) =>
        entry.rule === 'session-opened' ||
        entry.rule === 'token-used' ||
        entry.status === 403 ||
        entry.status === 404,
    );
    if (finalIndex !== -1 && finalIndex < entries.length - 1) {
      problems.push(`2. /session retried with a spent or refused token: ${entries.map(brief).join(' | ')}`);
    }
    if (entries.length > 3) problems.push(`2. more than 1 + 2 retries: ${entries.map(brief).join(' | ')}`);
  }
  const opened = log.filter((entry) => entry.rule === 'session-opened').length;
  if (opened > 5) problems.push(`2. ${opened} sessions opened: a renewal loop`);

  // 3. Exactly one outcome: played on, or one final typed error with a documented code; never stuck.
  const finalState = result.states.at(-1)?.state;
  if (outcome.kind === 'stuck') {
    problems.push(
      `3. stuck: no outcome within ${outcomeTimeout} ms, state "${outcome.state}" since ${outcome.since} ms ` +
        `(states ${result.states.map((s) => `${s.state}@${s.at}`).join(' → ')})`,
    );
  } else if (outcome.kind === 'playing') {
    if (errors.length) problems.push(`3. played past ${scenario.target} s, and failed too: ${errors}`);
    if (finalState !== 'playing' && finalState !== 'fallback')
      problems.push(`3. played past ${scenario.target} s in state "${finalState}"`);
  } else {
    const { error } = outcome;
    if (!(error instanceof PrivateVideoError)) problems.push(`3. untyped error: ${String(error)}`);
    else if (!playbackCodes.has(error.code))
      problems.push(`3. unexpected code "${error.code}": ${error.message}`);
    if (errors.length !== 1) problems.push(`3. ${errors.length} errors: ${errors.join(' | ')}`);
    if (finalState !== 'error') problems.push(`3. an error in state "${finalState}"`);
    // The README: the session token never appears in an error.
    const leaks = reachableStrings(error).filter(
      (text) => text.includes('avh=') || [...result.sessionTokens].some((token) => text.includes(token)),
    );
    if (leaks.length) problems.push(`3. the error holds a session token: ${leaks.join(' | ')}`);
  }

  // 4. Nothing thrown into the page.
  if (result.pageErrors.length) {
    problems.push(`4. uncaught in the page: ${result.pageErrors.map((e) => String(e)).join(' | ')}`);
  }

  // 5. Silence once destroyed.
  if (result.arrivedAfterDestroy !== 0) {
    problems.push(
      `5. ${result.arrivedAfterDestroy} request(s) arrived after destroy(); logged since: ` +
        `${result.loggedAfterDestroy.map(brief).join(' | ')}`,
    );
  }
  return problems;
}

function report(result: Run): string {
  const outcome =
    result.outcome.kind === 'error'
      ? `error ${(result.outcome.error as PrivateVideoError).code}: ${(result.outcome.error as Error).message}`
      : result.outcome.kind;
  return [
    describeScenario(result.scenario),
    `outcome: ${outcome}`,
    `states: ${result.states.map((s) => `${s.state}@${s.at}`).join(' → ')}`,
    `log: ${result.log.map(brief).join('\n     ')}`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// The soak

/**
 * Each test name carries its own seed, which replays it alone (`-t "seed 1234"`). To explore other
 * scenarios: `VITE_CHAOS_BASE_SEED=7 VITE_CHAOS_COUNT=20 vitest run --project core:browser chaos`;
 * `VITE_CHAOS_VERBOSE=1` prints every scenario's outcome, states and log; `VITE_CHAOS_SEEDS` (below)
 * replays seeds found with another base seed.
 */
const env = (import.meta as unknown as { env?: Record<string, string | undefined> }).env ?? {};
const baseSeed = Number(env.VITE_CHAOS_BASE_SEED ?? 20_260_301);
const scenariosPerCombination = Number(env.VITE_CHAOS_COUNT ?? 3);

const combinations: { engine: PlaybackEngineName; flavour: Flavour }[] = [
  { engine: 'hls.js', flavour: 'ts' },
  { engine: 'hls.js', flavour: 'fmp4' },
  { engine: 'video.js', flavour: 'ts' },
  { engine: 'video.js', flavour: 'fmp4' },
  { engine: 'native', flavour: 'ts' },
];

/** FNV-1a of "base:combination:index": distinct base seeds give unrelated scenarios. */
function seedOf(combination: number, index: number): number {
  let hash = 0x811c9dc5;
  for (const char of `${baseSeed}:${combination}:${index}`) {
    hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  }
  return hash >>> 1;
}

/** `VITE_CHAOS_SEEDS=12,34` plays these seeds (with every engine and flavour) instead. */
const chosenSeeds = env.VITE_CHAOS_SEEDS?.split(',').map(Number);
const scenarios = combinations.flatMap(({ engine, flavour }, c) =>
  (chosenSeeds ?? Array.from({ length: scenariosPerCombination }, (_, i) => seedOf(c, i))).map((seed) =>
    makeScenario(seed, engine, flavour),
  ),
);

describe('chaos soak', () => {
  for (const scenario of scenarios) {
    it(describeScenario(scenario), { timeout: 40_000 }, async () => {
      const result = await run(scenario);
      const problems = checkInvariants(result);
      if (env.VITE_CHAOS_VERBOSE) console.log(report(result));
      expect(problems, report(result)).toEqual([]);
    });
  }
});

// ---------------------------------------------------------------------------------------------------------
// Bugs the soak found, each reduced to its smallest scenario: they failed before their fix. Should the soak
// find another, reduce it here, and leave its trigger out of the soak (after the draw, so the other choices
// of a seed stay the same) until it is fixed.

/** Resolves with what happened first: played past `seconds`, a final error, or nothing within `ms`. */
function firstOf(playback: PrivatePlayback, video: HTMLVideoElement, seconds: number, ms: number) {
  return new Promise<string>((resolve) => {
    const timer = setTimeout(
      () => resolve(`nothing within ${ms} ms: state ${playback.getState()}, paused ${video.paused}`),
      ms,
    );
    void playedPast(video, seconds).then(() => {
      clearTimeout(timer);
      resolve('played');
    });
    playback.on('error', (error) => {
      clearTimeout(timer);
      resolve(`error ${error.code}`);
    });
  });
}

describe('regressions found by the chaos soak', () => {
  // Soak seed 1501774612 (native/ts, a segment answering 503). Chromium pauses the element when its media
  // fails (`paused` is already true in the `error` event, `pause` follows); the fallback then reads the
  // viewer's play state from the element and loads the mp4 paused, for good.
  it('native HLS: the mp4 of a fallback after a segment failed mid-play plays on', async () => {
    await signing.reset();
    const { privateToken } = await signing.mintToken('viPrivateTs');
    await signing.addFault({ match: { videoId: 'viPrivateTs', path: 'seg_002' }, status: 503 });
    const { video } = createVideo();
    const playback = keep(
      createPrivatePlayback(
        video,
        { videoId: 'viPrivateTs', privateToken, domains: { vod: signingUrl } },
        {
          client: new SessionClient({ storage: null }),
          engine: 'native',
          nativeHls: true,
          autoPlay: true,
        },
      ),
    );
    const fallback = new Promise<{ position: number }>((resolve) => playback.on('fallback', resolve));
    await once(video, 'playing');
    const { position } = await fallback;
    expect(playback.getSource()).toBe('mp4');
    expect(await firstOf(playback, video, position + 0.5, 5_000)).toBe('played');
  });

  // The same cause on the renewal path (found by the soak with hls.js: a fallback mp4 refused on a dead
  // session). The mp4's second range request is refused, the session check finds the session dead, the
  // renewal succeeds, and the resume reloads the mp4 paused, for good.
  it('an mp4 refused on a dead session mid-play plays on after the renewal', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    const getPrivateToken = async () => (await control.mintToken('viPrivateTs')).privateToken;
    await control.addFault({
      match: { videoId: 'viPrivateTs', kind: 'mp4' },
      status: 404,
      after: 1,
      count: 1,
    });
    // The session check (the manifest, for an mp4) is refused too: the session is dead.
    await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'manifest' }, status: 404, count: 1 });
    const { video } = createVideo();
    const playback = keep(
      createPrivatePlayback(
        video,
        { videoId: 'viPrivateTs', privateToken, domains: { vod: emulatorUrl } },
        {
          client: new SessionClient({ storage: null, domains: { vod: emulatorUrl } }),
          engine: 'native',
          autoPlay: true,
          getPrivateToken,
        },
      ),
    );
    const renewed = new Promise((resolve) => playback.on('sessionrenewed', resolve));
    await once(video, 'playing');
    await renewed;
    expect(await firstOf(playback, video, 1, 5_000)).toBe('played');
  });

  // VHS may give up on a failure without a word, and the engine's "3 failures in a row of one asset" never
  // came: no request, no `error`, no fallback, for good. Seed 837945662 (video.js/fmp4, segments answering
  // 503): VHS does not retry a failed segment of the default audio rendition, it excludes the video
  // rendition instead and never restarts the audio loader (stuck in 'loading'). Seeds 1500560581 and
  // 1458616533 (VITE_CHAOS_BASE_SEED=777): one failure (503, 404; TS or fMP4) of the higher rendition's
  // playlist as VHS switches up, and it never asks for anything again (frozen where its buffer ends).
  it.each([
    ['one failed audio segment of the fMP4 stream', 'viPrivateFmp4', '/audio/seg_000', 1, 15_000],
    ['one failed variant playlist at a rendition switch', 'viPrivateTs', '/v0/index.m3u8', 6, 15_000],
  ])('video.js: %s does not stall it for good', async (_name, videoId, path, seconds, ms) => {
    const { privateToken } = await control.mintToken(videoId);
    await control.addFault({ match: { videoId, path }, status: 503, count: 1 });
    const { video } = createVideo();
    const playback = keep(
      createPrivatePlayback(
        video,
        { videoId, privateToken, domains: { vod: emulatorUrl } },
        { client: new SessionClient({ storage: null }), engine: 'video.js', autoPlay: true },
      ),
    );
    // Played (VHS went on once told to), or fell back and played the mp4: either way, not stuck.
    expect(await firstOf(playback, video, seconds, ms)).toBe('played');
  });
});

describe('emulator regressions found by the chaos soak', () => {
  // Found while reducing seed 837945662: a key answering 410 once was seen failing 3 times by video.js,
  // with one request in the log. Fault answers carry no Cache-Control, and Chromium keeps a 410 (like a
  // 301) fresh for good: later requests of that URL never reach the emulator, so `count` and `after`
  // do not hold, and the log misses them.
  it('a 410 fault with count 1 is not answered from the browser cache afterwards', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    const session = await fetch(`${emulatorUrl}/vod/viPrivateTs/token/${privateToken}/session`).then(
      (response) => response.json() as Promise<{ session_token: string }>,
    );
    await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'thumbnail' }, status: 410, count: 1 });
    const url = `${emulatorUrl}/vod/viPrivateTs/token/${privateToken}/thumbnail.jpg?avh=${session.session_token}`;
    const statuses = [(await fetch(url)).status, (await fetch(url)).status];
    const logged = (await control.log()).filter((entry) => entry.kind === 'thumbnail');
    expect({ statuses, logged: logged.length }).toEqual({ statuses: [410, 200], logged: 2 });
  });
});
