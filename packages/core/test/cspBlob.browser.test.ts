// A page whose Content-Security-Policy blocks `blob:` (here `media-src` without it, which MSE needs for the media
// source's URL): the engine would wait for good, with no error of its own. The player falls back to the mp4.
import { describe, expect, it } from 'vitest';
import type { PlaybackEngineName } from '../src/playback/types.js';
import { cleanUpEachTest, deliveryLog, emulatorUrl } from './browserHelpers.js';
import { fallBackToPlayingMp4, withPolicy } from './cspFallback.js';

cleanUpEachTest();
// The app's policy: media from the page and the delivery only; nothing else restricted.
withPolicy(`media-src 'self' ${emulatorUrl}`);

describe.each<PlaybackEngineName>(['hls.js', 'video.js'])(
  '%s where the page forbids blob: media',
  (engine) => {
    it('falls back to the mp4, saying why, instead of waiting for good', async () => {
      const reason = await fallBackToPlayingMp4(engine);
      // video.js saw the element's own failure before (the browser refuses the media source's URL); hls.js nothing.
      if (engine === 'hls.js') {
        expect(reason).toMatchObject({
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
