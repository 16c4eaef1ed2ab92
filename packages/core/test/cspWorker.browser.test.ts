// A page whose Content-Security-Policy blocks `blob:` workers (`worker-src 'self'`), which video.js's VHS
// transmuxes in: it would wait for good, with no error of its own. The player falls back to the mp4.
import { describe, expect, it } from 'vitest';
import { cleanUpEachTest } from './browserHelpers.js';
import { fallBackToPlayingMp4, withPolicy } from './cspFallback.js';

cleanUpEachTest();
withPolicy("worker-src 'self'");

describe('video.js where the page forbids blob: workers', () => {
  it('falls back to the mp4, saying why, instead of waiting for good', async () => {
    expect(await fallBackToPlayingMp4('video.js')).toMatchObject({
      code: 'unsupported',
      message: expect.stringContaining('Content-Security-Policy blocks blob: in worker-src'),
    });
  });
});
