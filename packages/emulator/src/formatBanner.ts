import type { MintedToken } from './control/types.js';
import { DEFAULT_API_KEY, DEFAULT_HOST, type EmulatorOptions } from './emulatorOptions.js';
import type { Emulator } from './startEmulator.js';

/**
 * The start-up text: every video and live stream with ready-to-paste URLs, fresh tokens for the private
 * ones (each token is one-shot by default, hence a curl line that opens the session first), the API key
 * and latency `options` started it with, and what was skipped in the media folder.
 */
export function formatBanner(
  emulator: Emulator,
  minted: ReadonlyMap<string, MintedToken>,
  options: Pick<EmulatorOptions, 'apiKey' | 'latencyMs' | 'host' | 'publicUrl'>,
) {
  // With `publicUrl`, `emulator.url` is not where it listens: say both.
  const listening =
    options.publicUrl === undefined
      ? emulator.url
      : `${options.host ?? DEFAULT_HOST} port ${emulator.port}, reached at ${emulator.url}`;
  const lines = [`private-video emulator listening on ${listening}`, ''];
  for (const video of emulator.catalog.videos) {
    lines.push(`${video.videoId}  ${video.public ? 'public ' : 'private'}  ${video.title}`);
    const token = minted.get(video.videoId);
    // Only what the video has: a media folder's video may have no HLS stream or no thumbnail.
    if (token) lines.push(...tokenLines(token, { thumbnail: !!video.thumbnail, hls: !!video.hlsDir }));
    else {
      const root = `${emulator.url}/vod/${video.videoId}`;
      if (video.thumbnail) lines.push(`  thumbnail ${root}/thumbnail.jpg`);
      if (video.hlsDir) lines.push(`  hls       ${root}/hls/manifest.m3u8`);
      if (video.mp4) lines.push(`  mp4       ${root}/mp4/source.mp4`);
    }
  }
  for (const live of emulator.catalog.liveStreams) {
    lines.push(`${live.liveStreamId}  ${live.public ? 'public ' : 'private'}  ${live.name} (live)`);
    const token = minted.get(live.liveStreamId);
    if (token) lines.push(...tokenLines(token, { thumbnail: true, hls: true }));
    else {
      lines.push(`  hls       ${emulator.url}/${live.liveStreamId}.m3u8`);
      lines.push(`  thumbnail ${emulator.url}/${live.liveStreamId}/thumbnail.jpg`);
    }
  }
  lines.push(
    '',
    `API: POST /auth/api-key ${JSON.stringify({ apiKey: options.apiKey ?? DEFAULT_API_KEY })}, GET /videos, /videos/{id}, /live-streams/{id}`,
    `Control API: ${emulator.control ? `on at ${emulator.url}/__emulator` : 'off (--control to enable)'}`,
    `Manifest signing: ${emulator.manifestSigning ? 'on' : 'off'}   Latency: ${options.latencyMs ?? 0} ms`,
    'Fresh private tokens: GET /videos/{id} with the API key. Ctrl-C to stop.',
  );
  if (emulator.warnings.length > 0) {
    lines.push(
      '',
      'Media folder: not every entry is a video',
      ...emulator.warnings.map((line) => `  ${line}`),
    );
  }
  return lines.join('\n');
}

/** The token's URLs of the assets the entry has (`urls.mp4` is there only when it has an mp4). */
function tokenLines(token: MintedToken, has: { thumbnail: boolean; hls: boolean }): string[] {
  const { urls } = token;
  const lines = [`  token     ${token.privateToken}`, `  session   ${urls.session}`];
  if (has.thumbnail) lines.push(`  thumbnail ${urls.thumbnail}?avh={session_token}`);
  if (has.hls) lines.push(`  hls       ${urls.hls}?avh={session_token}`);
  if (urls.mp4) lines.push(`  mp4       ${urls.mp4}?avh={session_token}`);
  // An asset the entry has: a 404 would read as a refused token, and the line has spent the token by then.
  const asset = urls.mp4 ?? (has.hls ? urls.hls : has.thumbnail ? urls.thumbnail : undefined);
  if (asset) {
    lines.push(
      `  curl      AVH=$(curl -s ${urls.session} | sed -E 's/.*"session_token":"([^"]+)".*/\\1/') && curl -sI "${asset}?avh=$AVH"`,
    );
  }
  return lines;
}
