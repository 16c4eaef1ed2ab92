import { expect, it, vi } from 'vitest';
import type { PrivateVideoError } from '../src/errors/PrivateVideoError.js';
import { createPrivatePlayback } from '../src/playback/PrivatePlayback.js';
import type { PlaybackEngineName } from '../src/playback/types.js';
import { cleanUpEachTest, control, createClient, createVideo, deliveryLog, keep } from './browserHelpers.js';

// What Vite builds in place of a missing optional peer: an empty module. Without a check, hls.js's engine
// failed as `network` on a TypeError, and video.js's played the mp4 as if the browser could not play HLS.
vi.mock('hls.js', () => ({ default: {} }));
vi.mock('video.js', () => ({ default: {} }));

cleanUpEachTest();

it.each<PlaybackEngineName>(['hls.js', 'video.js'])(
  'fails as unsupported, naming %s, when the app was built without it, and loads nothing of the video',
  async (engine) => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    const { video } = createVideo();
    const playback = keep(
      createPrivatePlayback(
        video,
        { videoId: 'viPrivateTs', privateToken },
        { client: createClient(), engine },
      ),
    );
    const error = await new Promise<PrivateVideoError>((resolve) => playback.on('error', resolve));
    expect(error).toMatchObject({
      code: 'unsupported',
      message: expect.stringContaining(`${engine} is not installed`),
    });
    // The session opened while the engine loaded; no media was asked for: no mp4 stood in for HLS.
    expect((await deliveryLog('viPrivateTs')).map((entry) => entry.kind)).toEqual(['session']);
  },
);
