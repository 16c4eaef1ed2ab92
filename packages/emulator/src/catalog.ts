import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TokenPolicy } from './control/types.js';
import { loadMediaDir } from './loadMediaDir.js';
import { builtInMediaRoot } from './mediaRoot.js';

/** A video on demand: any of a thumbnail, a progressive mp4 and an HLS folder (with `manifest.m3u8`). */
export interface CatalogVideo {
  videoId: string;
  title: string;
  public: boolean;
  createdAt: string;
  /** Absolute paths on disk. */
  thumbnail?: string;
  mp4?: string;
  hlsDir?: string;
  /** Per-video token policy, layered over the emulator default. */
  policy?: Partial<TokenPolicy>;
}

/** A live stream, emulated by looping a TS rendition in a sliding window. */
export interface CatalogLiveStream {
  liveStreamId: string;
  name: string;
  public: boolean;
  createdAt: string;
  thumbnail?: string;
  /** Folder holding the looped `.ts` files. */
  segmentDir: string;
  segments: readonly { file: string; duration: number }[];
  policy?: Partial<TokenPolicy>;
}

/** The videos and live streams an emulator serves (`createCatalog`, `emulator.catalog`). */
export interface Catalog {
  readonly videos: readonly CatalogVideo[];
  readonly liveStreams: readonly CatalogLiveStream[];
  findVideo(videoId: string): CatalogVideo | undefined;
  findLiveStream(liveStreamId: string): CatalogLiveStream | undefined;
  /**
   * What loading `mediaDir` skipped, one line per entry with its reason (a file, a folder whose name is no
   * video id, or that holds no media); empty without `mediaDir`.
   */
  readonly warnings: readonly string[];
}

/** Ids of the built-in 12-video grid, `viGrid01` … `viGrid12`. */
export const gridVideoIds = Array.from({ length: 12 }, (_, i) => `viGrid${String(i + 1).padStart(2, '0')}`);

/** The built-in catalog over the committed media, plus every video of `mediaDir` if given. */
export function createCatalog(options: { mediaDir?: string; mediaRoot?: string } = {}): Catalog {
  const root = options.mediaRoot ?? builtInMediaRoot;
  const shared = { thumbnail: join(root, 'thumbnail.jpg'), mp4: join(root, 'source.mp4') };
  const ts = { ...shared, hlsDir: join(root, 'hls-ts') };
  const fmp4 = { ...shared, hlsDir: join(root, 'hls-fmp4') };
  const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().replace('.000Z', '+00:00');

  const videos: CatalogVideo[] = [
    { videoId: 'viPrivateTs', title: 'Private TS', public: false, createdAt: day(0), ...ts },
    { videoId: 'viPrivateFmp4', title: 'Private fMP4 (AES-128)', public: false, createdAt: day(1), ...fmp4 },
    { videoId: 'viPublicTs', title: 'Public TS', public: true, createdAt: day(2), ...ts },
    { videoId: 'viPublicFmp4', title: 'Public fMP4 (AES-128)', public: true, createdAt: day(3), ...fmp4 },
    { videoId: 'viPrivateTs2', title: 'Private TS 2', public: false, createdAt: day(4), ...ts },
    ...gridVideoIds.map((videoId, i) => ({
      videoId,
      title: `Grid video ${i + 1}`,
      public: false,
      createdAt: day(5 + i),
      ...ts,
    })),
  ];
  const liveMedia = join(root, 'hls-ts', 'v0');
  const segments = readSegments(join(liveMedia, 'index.m3u8'));
  const liveStreams: CatalogLiveStream[] = [
    { liveStreamId: 'liPrivateLive', name: 'Private live', public: false, createdAt: day(0), ...live() },
    { liveStreamId: 'liPublicLive', name: 'Public live', public: true, createdAt: day(0), ...live() },
  ];
  function live() {
    return { thumbnail: shared.thumbnail, segmentDir: liveMedia, segments };
  }

  let warnings: string[] = [];
  if (options.mediaDir) {
    const { videos: own, warnings: skipped } = loadMediaDir(options.mediaDir);
    warnings = skipped;
    const ids = new Set(own.map((video) => video.videoId));
    // The user's folder wins on id clashes: it is the more specific intent.
    videos.splice(0, videos.length, ...videos.filter((video) => !ids.has(video.videoId)), ...own);
  }
  return fromLists(videos, liveStreams, warnings);
}

function fromLists(videos: CatalogVideo[], liveStreams: CatalogLiveStream[], warnings: string[]): Catalog {
  const videoById = new Map(videos.map((video) => [video.videoId, video]));
  const liveById = new Map(liveStreams.map((live) => [live.liveStreamId, live]));
  return {
    videos,
    liveStreams,
    findVideo: (id) => videoById.get(id),
    findLiveStream: (id) => liveById.get(id),
    warnings,
  };
}

/** Segment files and durations of a media playlist, in order. */
function readSegments(playlist: string): { file: string; duration: number }[] {
  if (!existsSync(playlist)) return [];
  const segments: { file: string; duration: number }[] = [];
  let duration = 0;
  for (const line of readFileSync(playlist, 'utf8').split(/\r?\n/)) {
    if (line.startsWith('#EXTINF:')) duration = Number.parseFloat(line.slice('#EXTINF:'.length));
    else if (line && !line.startsWith('#')) segments.push({ file: line.trim(), duration });
  }
  return segments;
}
