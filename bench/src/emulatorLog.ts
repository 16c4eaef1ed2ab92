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
  const sorted = entries.map((entry) => entry.kind).sort((a, b) => kindOrder[a] - kindOrder[b]);
  for (const kind of sorted) kinds[kind] = (kinds[kind] ?? 0) + 1;
  return kinds;
}

/** The order the kinds are listed in, whatever order a run's requests raced in: so runs read alike. */
const kindOrder: Record<RequestKind, number> = {
  session: 0,
  thumbnail: 1,
  manifest: 2,
  playlist: 3,
  key: 4,
  init: 5,
  segment: 6,
  subtitle: 7,
  mp4: 8,
  api: 9,
  other: 10,
};

/** The last sequence number logged so far (0 for an empty log): pass it to `emulator.log({ since })`. */
export function lastSeq(emulator: Emulator): number {
  return emulator.log().at(-1)?.seq ?? 0;
}
