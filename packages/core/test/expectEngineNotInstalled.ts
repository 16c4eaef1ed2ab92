import { expect } from 'vitest';
import type { PrivateVideoError } from '../src/errors/PrivateVideoError.js';
import { createPrivatePlayback } from '../src/playback/PrivatePlayback.js';
import type { PrivatePlaybackOptions } from '../src/playback/types.js';
import { control, createClient, createVideo, deliveryLog, keep } from './browserHelpers.js';

/**
 * Plays with an engine the app was built without (how it is missing is the caller's): it fails as `unsupported`,
 * naming the library, and the delivery gets nothing but the session (no mp4 stood in for HLS).
 */
export async function expectEngineNotInstalled(
  engine: 'hls.js' | 'video.js',
  options: Partial<PrivatePlaybackOptions> = {},
) {
  const { privateToken } = await control.mintToken('viPrivateTs');
  const { video } = createVideo();
  const playback = keep(
    createPrivatePlayback(
      video,
      { videoId: 'viPrivateTs', privateToken },
      { client: createClient(), engine, ...options },
    ),
  );
  const error = await new Promise<PrivateVideoError>((resolve) => playback.on('error', resolve));
  expect(error).toMatchObject({
    code: 'unsupported',
    message: expect.stringContaining(`${engine} is not installed`),
  });
  expect((await deliveryLog('viPrivateTs')).map((entry) => entry.kind)).toEqual(['session']);
}
