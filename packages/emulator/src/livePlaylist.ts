import type { CatalogLiveStream } from './catalog.js';

/** How many segments the sliding live window lists. */
export const LIVE_WINDOW = 3;

/**
 * The live media playlist at `now`: a window of `LIVE_WINDOW` segments advancing with the clock and looping
 * over the stream's TS files. Segment names carry the absolute sequence number (`{liveId}/seg_042.ts`), so a
 * URI never changes meaning; each loop restart is marked with EXT-X-DISCONTINUITY because timestamps jump back.
 * URIs are relative to the playlist (`/private/{token}/{liveId}.m3u8` or `/{liveId}.m3u8`).
 */
export function livePlaylist(live: CatalogLiveStream, startedAt: number, now: number): string {
  const count = live.segments.length;
  const duration = live.segments[0]?.duration || 2;
  const first = Math.max(0, Math.floor((now - startedAt) / 1000 / duration));
  const target = Math.ceil(Math.max(...live.segments.map((segment) => segment.duration), duration));
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${target}`,
    `#EXT-X-MEDIA-SEQUENCE:${first}`,
    `#EXT-X-DISCONTINUITY-SEQUENCE:${count === 0 ? 0 : Math.floor(first / count)}`,
  ];
  if (count > 0) {
    for (let seq = first; seq < first + LIVE_WINDOW; seq += 1) {
      if (seq !== first && seq % count === 0) lines.push('#EXT-X-DISCONTINUITY');
      const segment = live.segments[seq % count];
      lines.push(`#EXTINF:${(segment?.duration ?? duration).toFixed(3)},`, liveSegmentUri(live, seq));
    }
  }
  return `${lines.join('\n')}\n`;
}

export function liveSegmentUri(live: CatalogLiveStream, seq: number): string {
  return `${live.liveStreamId}/seg_${String(seq).padStart(3, '0')}.ts`;
}

/** The TS file behind `seg_{seq}.ts`, or undefined for any other name. */
export function liveSegmentFile(live: CatalogLiveStream, name: string): string | undefined {
  const match = /^seg_(\d{1,12})\.ts$/.exec(name);
  if (!match || live.segments.length === 0) return undefined;
  return live.segments[Number(match[1]) % live.segments.length]?.file;
}
