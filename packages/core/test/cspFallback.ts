import { beforeAll, expect } from 'vitest';
import type { PrivateVideoError } from '../src/errors/PrivateVideoError.js';
import { createPrivatePlayback } from '../src/playback/PrivatePlayback.js';
import type { PlaybackEngineName } from '../src/playback/types.js';
import { control, createClient, createVideo, emulatorUrl, keep, playedPast } from './browserHelpers.js';

/**
 * Gives the test file's page the app's Content-Security-Policy, as a `<meta>`, before its tests: once set, a
 * policy stays for the page (hence a file per policy).
 */
export function withPolicy(content: string): void {
  beforeAll(() => {
    const policy = document.createElement('meta');
    policy.httpEquiv = 'Content-Security-Policy';
    policy.content = content;
    document.head.append(policy);
  });
}

/** Plays `viPrivateTs` with `engine` until it has fallen back and the mp4 plays; the fallback's reason. */
export async function fallBackToPlayingMp4(engine: PlaybackEngineName): Promise<PrivateVideoError> {
  const { privateToken } = await control.mintToken('viPrivateTs');
  const { video } = createVideo();
  const playback = keep(
    createPrivatePlayback(
      video,
      { videoId: 'viPrivateTs', privateToken, domains: { vod: emulatorUrl } },
      { client: createClient(), engine, autoPlay: true },
    ),
  );
  const { reason } = await new Promise<{ reason: PrivateVideoError }>((resolve) =>
    playback.on('fallback', resolve),
  );
  await playedPast(video, 1);
  expect(playback.getSource()).toBe('mp4');
  return reason;
}
