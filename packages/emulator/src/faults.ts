import type { FaultSpec, InjectedFault, RequestKind } from './control/types.js';
import { isRecord, validateKeys } from './validateKeys.js';
import { MAX_LATENCY_MS, validateLatency } from './validateLatency.js';

/** What the faults matching one request do to it. */
export interface FaultAction {
  /** Milliseconds to wait first: the `delayMs` of every matching fault, added up. */
  delayMs: number;
  /** Answer with this status and no rule; when absent (and no hang), the rules answer. */
  status?: number;
  /** The `Retry-After` header of that answer. */
  retryAfter?: string | undefined;
  /** Never answer. */
  hang: boolean;
  /**
   * Once the rules have answered, with a body of `bodyLength` bytes: how many of them to send before
   * dropping the connection, or undefined to send them all. Counts the request in the `cutAfterBytes`
   * faults that could cut it.
   */
  cut(bodyLength: number): number | undefined;
}

/** The request as faults match it. */
interface FaultRequest {
  method: string;
  path: string;
  kind: RequestKind;
  videoId?: string | undefined;
}

interface ActiveFault {
  id: string;
  spec: FaultSpec;
  /** Matching requests seen so far (including those let through by `after`). */
  matched: number;
  /** Requests the fault acted on (answered with its status, delayed, hung or cut). */
  served: number;
}

const noCut = () => undefined;

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

  /**
   * What the faults do to this request. Every matching fault counts it, whatever faults were added before
   * it, so its `after` advances the same; the delays of all acting faults add up, and the first fault due
   * with a status, a hang or a cut answers.
   *
   * A `cutAfterBytes` fault matches only what it can cut: the rules' answer, with a body longer than
   * `cutAfterBytes`. So it is counted (in `matched`, and in `served` when it cuts) by `cut()`, once that
   * answer is known; a HEAD, or a shorter body, is as if it did not match, and goes to the next matching
   * fault or the rules. A status or a hang answers before the rules run, so it cannot wait to see: the
   * first cut fault past its `after` answers before the faults added after it, and its delay is waited
   * whether it then cuts or not.
   */
  check(request: FaultRequest): FaultAction {
    let delayMs = 0;
    let answer: Pick<FaultAction, 'status' | 'retryAfter' | 'hang'> | undefined;
    let cutDue = false;
    const cuts: ActiveFault[] = [];
    for (const fault of this.#faults) {
      if (!matches(fault, request)) continue;
      if (fault.spec.cutAfterBytes !== undefined) {
        // A HEAD has no body to cut, nor has a fault's own answer.
        if (request.method === 'HEAD' || answer) continue;
        cuts.push(fault);
        if (!cutDue && fault.matched + 1 > (fault.spec.after ?? 0)) {
          cutDue = true;
          delayMs += fault.spec.delayMs ?? 0;
        }
        continue;
      }
      if (!isDue(fault)) continue;
      const own = answerOf(fault.spec);
      // A second answer waits, its `count` unspent: faults with `count: 1` answer in turn (429, then 503).
      if (own && (answer || cutDue)) continue;
      answer ??= own;
      fault.served += 1;
      delayMs += fault.spec.delayMs ?? 0;
    }
    // Each delay is within what Node timers hold, their sum may not be: it would fire at once. Capped,
    // the wait lasts about 24.8 days, as good as held.
    return {
      delayMs: Math.min(delayMs, MAX_LATENCY_MS),
      ...(answer ?? { hang: false }),
      cut: answer ? noCut : (bodyLength) => this.#cut(cuts, bodyLength),
    };
  }

  /** The first of `cuts` due to cut a body of `bodyLength` bytes; counts it in each fault that could cut it. */
  #cut(cuts: readonly ActiveFault[], bodyLength: number): number | undefined {
    let bytes: number | undefined;
    for (const fault of cuts) {
      const cutAfterBytes = fault.spec.cutAfterBytes ?? 0;
      // Removed or spent (by another request) while the rules answered: it no longer acts.
      if (!this.#faults.includes(fault) || isSpent(fault) || bodyLength <= cutAfterBytes) continue;
      // A second cut waits, its `count` unspent, as a second answer does.
      if (!isDue(fault) || bytes !== undefined) continue;
      fault.served += 1;
      bytes = cutAfterBytes;
    }
    return bytes;
  }
}

/** The fault's own answer; undefined for a fault that only slows the request down (the rules answer). */
function answerOf(spec: FaultSpec): Pick<FaultAction, 'status' | 'retryAfter' | 'hang'> | undefined {
  const { status, hang = false, retryAfter } = spec;
  if (status === undefined && !hang) return undefined;
  return { status, hang, retryAfter: retryAfter?.toString() };
}

/** Whether the fault matches the request, and its `count` is not spent. */
function matches(fault: ActiveFault, request: FaultRequest): boolean {
  const { match } = fault.spec;
  if (match.path !== undefined && !request.path.includes(match.path)) return false;
  if (match.kind !== undefined && match.kind !== request.kind) return false;
  if (match.videoId !== undefined && match.videoId !== request.videoId) return false;
  return !isSpent(fault);
}

function isSpent(fault: ActiveFault): boolean {
  // JSON has no Infinity: a null or missing count means "every matching request".
  return fault.served >= (fault.spec.count ?? Number.POSITIVE_INFINITY);
}

/** Counts a matching request in `matched`; whether the fault is due to act on it (past `after`). */
function isDue(fault: ActiveFault): boolean {
  fault.matched += 1;
  return fault.matched > (fault.spec.after ?? 0);
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
  retryAfter: true,
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
  if (f.retryAfter !== undefined) {
    // A header's text: a line break in it would write headers of its own.
    const header = typeof f.retryAfter === 'string' && /^[\x20-\x7e]+$/.test(f.retryAfter);
    if (!(header || (Number.isInteger(f.retryAfter) && (f.retryAfter as number) >= 0))) {
      return 'retryAfter must be a whole number of seconds, 0 or more, or the text of a header (printable ASCII)';
    }
    if (f.status === undefined)
      return "retryAfter goes with a status: it is a header of the fault's own answer";
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
  // A fraction would act on one request more than asked (`count: 0.5` acts once), and `count: 0` never acts.
  // JSON has no Infinity: null is the default (every matching request, none let through), as when absent.
  if (!isWholeOrNull(f.count, 1)) return 'count must be a whole number, 1 or more';
  if (!isWholeOrNull(f.after, 0)) return 'after must be a whole number, 0 or more';
  return null;
}

function isWholeOrNull(value: unknown, min: number): boolean {
  return value === undefined || value === null || (Number.isInteger(value) && (value as number) >= min);
}

function isFinalStatus(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 200 && value <= 599;
}
