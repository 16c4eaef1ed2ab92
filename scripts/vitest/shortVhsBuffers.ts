import { afterAll, beforeAll } from 'vitest';

/**
 * For the tests of this file: VHS (video.js's HLS) buffers 2 s ahead instead of its default 30 s, which
 * would load the whole test clip at once. Requests keep coming, so a session that expires or dies is met
 * mid-play. Takes video.js's default export (this folder cannot import it).
 */
export function shortVhsBuffers(videojs: unknown): void {
  const vhs = (videojs as { Vhs: Record<string, number> }).Vhs;
  const defaults = {
    GOAL_BUFFER_LENGTH: vhs.GOAL_BUFFER_LENGTH,
    MAX_GOAL_BUFFER_LENGTH: vhs.MAX_GOAL_BUFFER_LENGTH,
  };
  beforeAll(() => {
    Object.assign(vhs, { GOAL_BUFFER_LENGTH: 2, MAX_GOAL_BUFFER_LENGTH: 2 });
  });
  afterAll(() => {
    Object.assign(vhs, defaults);
  });
}
