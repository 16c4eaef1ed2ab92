import type { LogEntry } from '@private-video/emulator/control';

/**
 * The part of a delivery path worth reading: what follows `/vod/{id}/token/{token}/hls/` or
 * `/private/{token}/{liveStreamId}/` (the playlist stays `{liveStreamId}.m3u8`); the ids are in the row's
 * tooltip and already known from the story. The column is narrow: `liPrivateLive/seg_…` hid which segment.
 */
export function shortPath(path: string): string {
  const short = path
    .replace(/^\/vod\/[^/]+\/(token\/[^/]+\/)?/, '')
    .replace(/^\/private\/[^/]+\/([^/]+\/)?/, '')
    // The kind column already says it is HLS.
    .replace(/^hls\//, '');
  return short || path;
}

export type Signature = 'signed' | 'expected-unsigned' | 'unsigned';

/**
 * Whether a request was signed as it should be. `/session` carries the private token instead of `avh`
 * (it is what creates the session), and public videos have no session at all: neither is a leak.
 */
export function signature(entry: LogEntry): Signature {
  if (entry.avh) return 'signed';
  if (entry.kind === 'session' || entry.privateToken === undefined) return 'expected-unsigned';
  return 'unsigned';
}

/**
 * Whether the emulator answered the request. A `hang` fault never does: the request is logged, with status 0
 * and rule `fault-hang`, once its client gave up and closed the connection.
 */
export function answered(entry: LogEntry): boolean {
  return entry.status !== 0;
}

export interface LogSummary {
  total: number;
  sessions: number;
  /** Private asset requests (everything but `/session`) and how many of them carried `avh`. */
  privateAssets: number;
  signed: number;
  /** Distinct `avh` values: 1 means one session served everything. */
  avhValues: number;
  refused: number;
  /** Requests the emulator never answered (status 0: a `hang` fault), logged when their client gave up. */
  unanswered: number;
}

export function summarize(entries: readonly LogEntry[]): LogSummary {
  const assets = entries.filter((entry) => entry.kind !== 'session' && entry.privateToken !== undefined);
  return {
    total: entries.length,
    sessions: entries.filter((entry) => entry.kind === 'session').length,
    privateAssets: assets.length,
    signed: assets.filter((entry) => entry.avh).length,
    avhValues: new Set(entries.flatMap((entry) => (entry.query.avh ? [entry.query.avh] : []))).size,
    refused: entries.filter((entry) => entry.status >= 400).length,
    unanswered: entries.filter((entry) => !answered(entry)).length,
  };
}

/**
 * What the log's status region says: the counts a story is about (sessions, refusals, requests never
 * answered, requests without `avh`), so it speaks when one of them changes and stays quiet through a stream's many signed requests.
 */
export function announcement({ sessions, refused, unanswered, privateAssets, signed }: LogSummary): string {
  const parts = [`${sessions} /session ${sessions === 1 ? 'request' : 'requests'}`];
  if (refused > 0) parts.push(`${refused} refused`);
  if (unanswered > 0) parts.push(`${unanswered} never answered`);
  const unsigned = privateAssets - signed;
  if (unsigned > 0)
    parts.push(`${unsigned} private asset ${unsigned === 1 ? 'request' : 'requests'} without avh`);
  return `${parts.join(', ')}.`;
}
