import type { FaultSpec, InjectedFault, RequestKind } from './control/types.js';
import { isRecord, validateKeys } from './validateKeys.js';
import { validateLatency } from './validateLatency.js';

/** What the faults matching one request do to it. */
export interface FaultAction {
  /** Milliseconds to wait first: the `delayMs` of every matching fault, added up. */
  delayMs: number;
  /** Answer with this status and no rule; when absent (and no hang), the rules answer. */
  status?: number;
  /** Never answer. */
  hang: boolean;
  /** Drop the connection after this many bytes of the rules' body. */
  cutAfterBytes?: number | undefined;
}

interface ActiveFault {
  id: string;
  spec: FaultSpec;
  /** Matching requests seen so far (including those let through by `after`). */
  matched: number;
  /** Requests the fault acted on (answered with its status, delayed or hung). */
  served: number;
}

/** Injected failures, checked before any access rule. */
export class Faults {
  #faults: ActiveFault[] = [];
  #nextId = 1;

  add(spec: FaultSpec): { id: string } {
    const id = `fault-${this.#nextId++}`;
    // A copy, so the caller cannot rewrite the fault once it is checked and active.
    this.#faults.push({ id, spec: { ...spec, match: { ...spec.match } }, matched: 0, served: 0 });
    return { id };
  }

  remove(id: string): boolean {
    const before = this.#faults.length;
    this.#faults = this.#faults.filter((fault) => fault.id !== id);
    return this.#faults.length !== before;
  }

  clear(): void {
    this.#faults = [];
  }

  list(): InjectedFault[] {
    // A copy down to `match`, so the programmatic handle's callers cannot rewrite an active fault.
    return this.#faults.map(({ id, spec, matched, served }) => ({
      ...spec,
      match: { ...spec.match },
      id,
      matched,
      served,
    }));
  }

  /** What the faults do to this request; counts the matches so `after` and `count` advance. */
  check(request: { path: string; kind: RequestKind; videoId?: string }): FaultAction {
    let delayMs = 0;
    for (const fault of this.#faults) {
      if (!actsOn(fault, request)) continue;
      const { status, hang = false, cutAfterBytes } = fault.spec;
      delayMs += fault.spec.delayMs ?? 0;
      // A fault that only slows the request down leaves its answer to the next matching fault, or the rules.
      if (status !== undefined || hang || cutAfterBytes !== undefined) {
        return { delayMs, status, hang, cutAfterBytes };
      }
    }
    return { delayMs, hang: false };
  }
}

/** Whether the fault acts on this request; counts it as matched, and as served when it acts. */
function actsOn(fault: ActiveFault, request: { path: string; kind: RequestKind; videoId?: string }): boolean {
  const { match } = fault.spec;
  // JSON has no Infinity: a null or missing count means "every matching request".
  const count = fault.spec.count ?? Number.POSITIVE_INFINITY;
  const after = fault.spec.after ?? 0;
  if (match.path !== undefined && !request.path.includes(match.path)) return false;
  if (match.kind !== undefined && match.kind !== request.kind) return false;
  if (match.videoId !== undefined && match.videoId !== request.videoId) return false;
  if (fault.served >= count) return false;
  fault.matched += 1;
  if (fault.matched <= after) return false;
  fault.served += 1;
  return true;
}

/** Every kind a fault may match; a `Record` so the compiler flags a kind added to `RequestKind` but not here. */
const KINDS: Record<RequestKind, true> = {
  session: true,
  manifest: true,
  playlist: true,
  segment: true,
  init: true,
  key: true,
  subtitle: true,
  thumbnail: true,
  mp4: true,
  api: true,
  other: true,
};
/** The keys of a fault and of its `match`; a `Record` so the compiler flags a field added to the type only. */
const FAULT_KEYS = Object.keys({
  match: true,
  status: true,
  delayMs: true,
  hang: true,
  cutAfterBytes: true,
  count: true,
  after: true,
} satisfies Record<keyof FaultSpec, true>);
const MATCH_KEYS = Object.keys({ path: true, kind: true, videoId: true } satisfies Record<
  keyof FaultSpec['match'],
  true
>);

/** Checks a fault (received over HTTP, or given to `addFault`); returns an error message or null. */
export function validateFault(input: unknown): string | null {
  if (!isRecord(input)) return 'fault must be an object';
  const f = input;
  // A misspelt field would otherwise be dropped, and the fault act otherwise than meant: `stauts: 500`
  // would let the rules answer, `delay: 100` not wait, `cout: 1` act on every request.
  const unknownField = validateKeys(f, FAULT_KEYS, 'fault');
  if (unknownField) return unknownField;
  // A misspelt or mistyped matcher would otherwise fail every request, or none, without a word.
  if (!isRecord(f.match)) return 'match must be an object';
  const m = f.match;
  const unknownMatcher = validateKeys(m, MATCH_KEYS, 'match');
  if (unknownMatcher) return unknownMatcher;
  for (const key of ['path', 'kind', 'videoId'] as const) {
    if (m[key] !== undefined && typeof m[key] !== 'string') return `match.${key} must be a string`;
  }
  if (typeof m.kind === 'string' && !Object.hasOwn(KINDS, m.kind)) {
    return `match.kind must be one of ${Object.keys(KINDS).join(', ')}`;
  }
  // 1xx are not final responses: a client would wait for the real one, or hang up.
  if (f.status !== undefined && !isFinalStatus(f.status)) {
    return 'status must be an HTTP status code from 200 to 599';
  }
  if (f.delayMs !== undefined) {
    const invalid = validateLatency(f.delayMs, 'delayMs');
    if (invalid) return invalid;
  }
  if (f.hang !== undefined && typeof f.hang !== 'boolean') return 'hang must be true or false';
  // Answering (late or not) and never answering cannot both happen: say so rather than pick one.
  if (f.hang === true && (f.status !== undefined || f.delayMs !== undefined)) {
    return 'hang never answers: it takes no status and no delayMs';
  }
  if (f.cutAfterBytes !== undefined) {
    if (!(Number.isInteger(f.cutAfterBytes) && (f.cutAfterBytes as number) >= 0)) {
      return 'cutAfterBytes must be a whole number of bytes, 0 or more';
    }
    // The rules' answer cut short: a fault's own status has an empty body, with nothing to cut.
    if (f.status !== undefined || f.hang === true)
      return "cutAfterBytes cuts the rules' answer: it takes no status and no hang";
  }
  if (f.status === undefined && f.delayMs === undefined && f.hang !== true && f.cutAfterBytes === undefined) {
    return 'a fault needs a status, a delayMs, a cutAfterBytes or hang: true';
  }
  for (const key of ['count', 'after'] as const) {
    if (f[key] !== undefined && f[key] !== null && !(typeof f[key] === 'number' && f[key] >= 0)) {
      return `${key} must be a non-negative number`;
    }
  }
  return null;
}

function isFinalStatus(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 200 && value <= 599;
}
