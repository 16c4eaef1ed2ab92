// A page whose Content-Security-Policy blocks `blob:` (here `media-src` without it, which MSE needs for the media
// source's URL): the engine would wait for good, with no error of its own. The player falls back to the mp4.
// (Its own file: a policy, once set, stays for the page.)
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrivateVideoError } from '../src/errors/PrivateVideoError.js';
import { createPrivatePlayback } from '../src/playback/PrivatePlayback.js';
import type { PlaybackEngineName } from '../src/playback/types.js';
import {
  cleanUpEachTest,
  control,
  createClient,
  createVideo,
  deliveryLog,
  emulatorUrl,
  keep,
  playedPast,
} from './browserHelpers.js';

cleanUpEachTest();

beforeAll(() => {
  // The app's policy, as a `<meta>`: media from the page and the delivery only; nothing else restricted.
  const policy = document.createElement('meta');
  policy.httpEquiv = 'Content-Security-Policy';
  policy.content = `media-src 'self' ${emulatorUrl}`;
  document.head.append(policy);
});

describe.each<PlaybackEngineName>(['hls.js', 'video.js'])(
  '%s where the page forbids blob: media',
  (engine) => {
    it('falls back to the mp4, saying why, instead of waiting for good', async () => {
      const { privateToken } = await control.mintToken('viPrivateTs');
      const { video } = createVideo();
      const playback = keep(
        createPrivatePlayback(
          video,
          { videoId: 'viPrivateTs', privateToken, domains: { vod: emulatorUrl } },
          { client: createClient(), engine, autoPlay: true },
        ),
      );
      const fallback = await new Promise<{ reason: PrivateVideoError }>((resolve) =>
        playback.on('fallback', resolve),
      );
      await playedPast(video, 1);
      expect(playback.getSource()).toBe('mp4');
      // video.js saw the element's own failure before (the browser refuses the media source's URL); hls.js nothing.
      if (engine === 'hls.js') {
        expect(fallback.reason).toMatchObject({
          code: 'unsupported',
          message: expect.stringContaining('Content-Security-Policy blocks blob: in media-src'),
        });
      }
      const log = await deliveryLog('viPrivateTs');
      expect(log.filter((entry) => entry.kind === 'session')).toHaveLength(1);
      expect(log.filter((entry) => !entry.avh && entry.kind !== 'session')).toEqual([]);
    });
  },
);
