import type { FaultSpec, InjectedFault, RequestKind } from './control/types.js';

interface ActiveFault {
  id: string;
  spec: FaultSpec;
  /** Matching requests seen so far (including those let through by `after`). */
  matched: number;
  /** Requests answered with the fault status. */
  served: number;
}

/** Injected failures, checked before any access rule. */
export class Faults {
  #faults: ActiveFault[] = [];
  #nextId = 1;

  add(spec: FaultSpec): { id: string } {
    const id = `fault-${this.#nextId++}`;
    this.#faults.push({ id, spec, matched: 0, served: 0 });
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

  /** The status to answer with, or null; counts the match so `after` and `count` advance. */
  check(request: { path: string; kind: RequestKind; videoId?: string }): number | null {
    for (const fault of this.#faults) {
      const { match, status } = fault.spec;
      // JSON has no Infinity: a null or missing count means "every matching request".
      const count = fault.spec.count ?? Number.POSITIVE_INFINITY;
      const after = fault.spec.after ?? 0;
      if (match.path !== undefined && !request.path.includes(match.path)) continue;
      if (match.kind !== undefined && match.kind !== request.kind) continue;
      if (match.videoId !== undefined && match.videoId !== request.videoId) continue;
      if (fault.served >= count) continue;
      fault.matched += 1;
      if (fault.matched <= after) continue;
      fault.served += 1;
      return status;
    }
    return null;
  }
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
const MATCH_KEYS = new Set(['path', 'kind', 'videoId']);

/** Checks a fault received over HTTP; returns an error message or null. */
export function validateFault(input: unknown): string | null {
  if (!isObject(input)) return 'fault must be an object';
  const f = input as Record<string, unknown>;
  // A misspelt or mistyped matcher would otherwise fail every request, or none, without a word.
  if (!isObject(f.match)) return 'match must be an object';
  const m = f.match as Record<string, unknown>;
  const unknown = Object.keys(m).find((key) => !MATCH_KEYS.has(key));
  if (unknown !== undefined) return `match.${unknown} is not one of path, kind, videoId`;
  for (const key of ['path', 'kind', 'videoId'] as const) {
    if (m[key] !== undefined && typeof m[key] !== 'string') return `match.${key} must be a string`;
  }
  if (typeof m.kind === 'string' && !Object.hasOwn(KINDS, m.kind)) {
    return `match.kind must be one of ${Object.keys(KINDS).join(', ')}`;
  }
  // 1xx are not final responses: a client would wait for the real one, or hang up.
  if (typeof f.status !== 'number' || !Number.isInteger(f.status) || f.status < 200 || f.status > 599) {
    return 'status must be an HTTP status code from 200 to 599';
  }
  for (const key of ['count', 'after'] as const) {
    if (f[key] !== undefined && f[key] !== null && !(typeof f[key] === 'number' && f[key] >= 0)) {
      return `${key} must be a non-negative number`;
    }
  }
  return null;
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
