// A page whose Content-Security-Policy blocks `blob:` workers (`worker-src 'self'`), which video.js's VHS
// transmuxes in: it would wait for good, with no error of its own. The player falls back to the mp4.
// (Its own file: a policy, once set, stays for the page.)
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrivateVideoError } from '../src/errors/PrivateVideoError.js';
import { createPrivatePlayback } from '../src/playback/PrivatePlayback.js';
import {
  cleanUpEachTest,
  control,
  createClient,
  createVideo,
  emulatorUrl,
  keep,
  playedPast,
} from './browserHelpers.js';

cleanUpEachTest();

beforeAll(() => {
  const policy = document.createElement('meta');
  policy.httpEquiv = 'Content-Security-Policy';
  policy.content = "worker-src 'self'";
  document.head.append(policy);
});

describe('video.js where the page forbids blob: workers', () => {
  it('falls back to the mp4, saying why, instead of waiting for good', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    const { video } = createVideo();
    const playback = keep(
      createPrivatePlayback(
        video,
        { videoId: 'viPrivateTs', privateToken, domains: { vod: emulatorUrl } },
        { client: createClient(), engine: 'video.js', autoPlay: true },
      ),
    );
    const fallback = await new Promise<{ reason: PrivateVideoError }>((resolve) =>
      playback.on('fallback', resolve),
    );
    expect(fallback.reason).toMatchObject({
      code: 'unsupported',
      message: expect.stringContaining('Content-Security-Policy blocks blob: in worker-src'),
    });
    await playedPast(video, 1);
    expect(playback.getSource()).toBe('mp4');
  });
});
