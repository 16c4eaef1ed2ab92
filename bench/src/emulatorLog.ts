import type { Emulator, LogEntry, RequestKind } from '@private-video/emulator';

/** Every request the emulator logged for these private tokens (each run mints its own, so runs never mix). */
export function entriesForTokens(emulator: Emulator, tokens: Iterable<string>): LogEntry[] {
  const wanted = new Set(tokens);
  return emulator.log().filter((entry) => entry.privateToken !== undefined && wanted.has(entry.privateToken));
}

export function countKind(entries: readonly LogEntry[], kind: RequestKind): number {
  return entries.filter((entry) => entry.kind === kind).length;
}

/** `{ manifest: 1, segment: 7, … }`: which kinds of request a run made, to show what coverage covered. */
export function kindsOf(entries: readonly LogEntry[]): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const entry of entries) kinds[entry.kind] = (kinds[entry.kind] ?? 0) + 1;
  return kinds;
}
