import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CatalogVideo } from './catalog.js';

const VIDEO_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Reads a user's media folder: each subfolder is a video named after the folder, with whatever of
 * `thumbnail.jpg`, `mp4/source.mp4` and `hls/manifest.m3u8` it holds. An optional `video.json`
 * (`{ "title"?: string, "public"?: boolean }`) sets the title and visibility; videos are private otherwise.
 */
export function loadMediaDir(mediaDir: string): CatalogVideo[] {
  const root = resolve(mediaDir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new Error(`Media folder not found: ${root}`);
  }
  const videos: CatalogVideo[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || !VIDEO_ID.test(entry.name)) continue;
    const dir = join(root, entry.name);
    const meta = readMeta(join(dir, 'video.json'));
    const video: CatalogVideo = {
      videoId: entry.name,
      title: typeof meta.title === 'string' ? meta.title : entry.name,
      public: meta.public === true,
      createdAt: statSync(dir).mtime.toISOString(),
    };
    if (existsSync(join(dir, 'thumbnail.jpg'))) video.thumbnail = join(dir, 'thumbnail.jpg');
    if (existsSync(join(dir, 'mp4', 'source.mp4'))) video.mp4 = join(dir, 'mp4', 'source.mp4');
    if (existsSync(join(dir, 'hls', 'manifest.m3u8'))) video.hlsDir = join(dir, 'hls');
    if (video.thumbnail || video.mp4 || video.hlsDir) videos.push(video);
  }
  return videos.sort((a, b) => a.videoId.localeCompare(b.videoId));
}

function readMeta(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
