import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CatalogVideo } from './catalog.js';
import { isRecord, validateKeys } from './validateKeys.js';

const VIDEO_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** What makes a folder a video: at least one of these. */
const ASSETS = ['thumbnail.jpg', 'mp4/source.mp4', 'hls/manifest.m3u8'] as const;

/** The videos of a media folder, and a line for every entry skipped, with its reason. */
export interface MediaDirContents {
  videos: CatalogVideo[];
  /** E.g. `skipped /media/my video: "my video" is not a video id (…)`, in name order. */
  warnings: string[];
}

/**
 * Reads a user's media folder: each subfolder is a video named after the folder, with whatever of
 * `thumbnail.jpg`, `mp4/source.mp4` and `hls/manifest.m3u8` it holds. An optional `video.json`
 * (`{ "title"?: string, "public"?: boolean }`) sets the title and visibility; videos are private otherwise.
 * An entry that is no video (a file, a folder whose name is no video id or that holds none of those files)
 * is skipped with a warning, hidden ones (`.DS_Store`, `.git`) silently; a `video.json` that is not valid
 * JSON or sets something else throws, since reading it as `{}` would make a video meant public private.
 */
export function loadMediaDir(mediaDir: string): MediaDirContents {
  const root = resolve(mediaDir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new Error(`Media folder not found: ${root}`);
  }
  const videos: CatalogVideo[] = [];
  const warnings: string[] = [];
  const entries = readdirSync(root, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const dir = join(root, entry.name);
    const skip = (reason: string) => warnings.push(`skipped ${dir}: ${reason}`);
    if (!entry.isDirectory()) {
      skip('not a folder (each video is a subfolder)');
      continue;
    }
    if (!VIDEO_ID.test(entry.name)) {
      skip(`${JSON.stringify(entry.name)} is not a video id (1 to 64 letters, digits, "_" or "-")`);
      continue;
    }
    const meta = readMeta(join(dir, 'video.json'));
    const video: CatalogVideo = {
      videoId: entry.name,
      title: meta.title ?? entry.name,
      public: meta.public ?? false,
      createdAt: statSync(dir).mtime.toISOString(),
    };
    if (existsSync(join(dir, 'thumbnail.jpg'))) video.thumbnail = join(dir, 'thumbnail.jpg');
    if (existsSync(join(dir, 'mp4', 'source.mp4'))) video.mp4 = join(dir, 'mp4', 'source.mp4');
    if (existsSync(join(dir, 'hls', 'manifest.m3u8'))) video.hlsDir = join(dir, 'hls');
    if (video.thumbnail || video.mp4 || video.hlsDir) videos.push(video);
    else skip(`it has none of ${ASSETS.join(', ')}`);
  }
  return { videos: videos.sort((a, b) => a.videoId.localeCompare(b.videoId)), warnings };
}

/** A folder's `video.json`, checked: `{}` when there is none; throws, naming the file, when it is wrong. */
function readMeta(file: string): { title?: string; public?: boolean } {
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: is not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(parsed)) {
    throw new Error(`${file}: must hold a JSON object, e.g. { "title": "My video", "public": true }`);
  }
  const unknown = validateKeys(parsed, ['title', 'public'], file);
  if (unknown) throw new Error(unknown);
  if (parsed.title !== undefined && typeof parsed.title !== 'string') {
    throw new Error(`${file}: "title" must be a string`);
  }
  if (parsed.public !== undefined && typeof parsed.public !== 'boolean') {
    throw new Error(`${file}: "public" must be true or false`);
  }
  return parsed as { title?: string; public?: boolean };
}
