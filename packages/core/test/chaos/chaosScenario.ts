/** A seeded chaos scenario: which faults, expiry and renewal a playback meets (the choice depends on the seed only). */
import type { FaultSpec, RequestKind } from '@private-video/emulator/control';
import type { PlaybackEngineName } from '../../src/playback/types.js';

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

export type Flavour = 'ts' | 'fmp4';
export type Renewal = 'mint' | 'none' | 'throws';

export interface ChaosScenario {
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

export function makeScenario(seed: number, engine: PlaybackEngineName, flavour: Flavour): ChaosScenario {
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
  const cut = drawCut(seed, kinds);
  if (cut) faults.push(cut);
  const held = drawHeldAsset(seed, kinds);
  if (held) faults.push(held);
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

/**
 * A transfer dropped mid-way (or, at 0 bytes, an answer lost after the delivery acted on it: a `/session` cut so
 * has spent its token), in about a third of the scenarios. Drawn from a stream of its own, after the rest: a
 * seed's other choices are the ones it drew before cuts were drawn at all.
 */
function drawCut(seed: number, kinds: RequestKind[]): FaultSpec | undefined {
  const random = prng(seed ^ 0x5bd1e995);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  if (random() >= 0.35) return undefined;
  return {
    match: { kind: pick(kinds) },
    cutAfterBytes: pick([0, 1_000, 100_000]),
    count: pick([1, 1, 2]),
  };
}

/**
 * An asset's answer held once (no byte, and the connection stays open: only the client's own limits end it), in
 * about a fifth of the scenarios; `/session` and the session check hang in the main draw. A stream of its own
 * too, drawn after the cut, so a seed's other choices stay the ones it drew before.
 */
function drawHeldAsset(seed: number, kinds: RequestKind[]): FaultSpec | undefined {
  const random = prng(seed ^ 0x27d4eb2f);
  if (random() >= 0.2) return undefined;
  const assets = kinds.filter((kind) => kind !== 'session' && kind !== 'thumbnail');
  return { match: { kind: assets[Math.floor(random() * assets.length)]! }, hang: true, count: 1 };
}

/** Whether an asset's answer is held: the engines' own time limits (about 10 s) come before any recovery. */
export function holdsAnAsset({ faults }: ChaosScenario): boolean {
  return faults.some(({ match, hang }) => hang && match.kind !== 'session' && match.kind !== 'thumbnail');
}

function describeFault({ match, status, delayMs, hang, cutAfterBytes, count, after }: FaultSpec): string {
  const what = match.kind ?? `"${match.path}"`;
  const action = hang
    ? 'hang'
    : [status, delayMs && `+${delayMs}ms`, cutAfterBytes !== undefined && `cut@${cutAfterBytes}B`]
        .filter(Boolean)
        .join(' ');
  const limits = [count !== undefined && `x${count}`, after !== undefined && `after ${after}`].filter(
    Boolean,
  );
  return `${what} ${action}${limits.length ? ` (${limits.join(', ')})` : ''}`;
}

export function describeScenario(s: ChaosScenario): string {
  const parts = [
    s.faults.length ? s.faults.map(describeFault).join('; ') : 'no fault',
    s.expireAt !== undefined && `expire@${s.expireAt}s`,
    s.sessionTtl !== undefined && `sessionTtl ${s.sessionTtl}s${s.clientKnowsTtl ? ' (known)' : ''}`,
    s.startTime && `from ${s.startTime}s`,
    s.renewal === 'none' ? 'no getPrivateToken' : s.renewal === 'throws' ? 'getPrivateToken throws' : '',
  ];
  return `seed ${s.seed}: ${s.engine}/${s.flavour}: ${parts.filter(Boolean).join(', ')}`;
}

/** Which engine plays which HLS flavour. */
export interface Combination {
  engine: PlaybackEngineName;
  flavour: Flavour;
}

export interface ChaosPlan {
  /** Distinct base seeds give unrelated scenarios. */
  baseSeed: number;
  /** Scenarios per combination. */
  count: number;
  /** These seeds (with every combination) instead of the ones drawn from `baseSeed`. */
  seeds?: number[] | undefined;
  combinations: Combination[];
}

/** The scenarios of a plan: the same plan gives the same scenarios, in Node and in any browser. */
export function chaosScenarios({ baseSeed, count, seeds, combinations }: ChaosPlan): ChaosScenario[] {
  return combinations.flatMap(({ engine, flavour }, c) =>
    (seeds ?? Array.from({ length: count }, (_, i) => seedOf(baseSeed, c, i))).map((seed) =>
      makeScenario(seed, engine, flavour),
    ),
  );
}

/** FNV-1a of "base:combination:index". */
function seedOf(baseSeed: number, combination: number, index: number): number {
  let hash = 0x811c9dc5;
  for (const char of `${baseSeed}:${combination}:${index}`) {
    hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  }
  return hash >>> 1;
}

/**
 * The plan from the environment (`import.meta.env` in a browser, `process.env` in Node): `VITE_CHAOS_BASE_SEED`,
 * `VITE_CHAOS_COUNT` (per combination, default 3), `VITE_CHAOS_SEEDS` (comma-separated, replays seeds).
 */
export function chaosPlanFrom(
  env: Record<string, string | undefined>,
  combinations: Combination[],
): ChaosPlan {
  return {
    baseSeed: Number(env.VITE_CHAOS_BASE_SEED ?? 20_260_301),
    count: Number(env.VITE_CHAOS_COUNT ?? 3),
    seeds: env.VITE_CHAOS_SEEDS?.split(',').map(Number),
    combinations,
  };
}
