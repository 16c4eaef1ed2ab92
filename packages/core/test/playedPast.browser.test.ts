import { describe, expect, it } from 'vitest';
import { cleanUpEachTest, createVideo, emulatorUrl, once, playedPast } from './browserHelpers.js';

cleanUpEachTest();

/** Whether `promise` has settled by the time the microtasks queued now have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  const pending = Symbol('pending');
  return (await Promise.race([promise, Promise.resolve(pending)])) !== pending;
}

// The browser tests' proof of playback: a player that jumps ahead to get past a stall (VHS does) must not pass
// for one that plays.
describe('playedPast (the tests’ wait for playback)', () => {
  it('is not satisfied by a seek past the mark, only by playing past it', async () => {
    const { video } = createVideo();
    video.src = `${emulatorUrl}/vod/viPublicTs/mp4/source.mp4`;
    await once(video, 'loadeddata');
    const played = playedPast(video, 2);

    video.currentTime = 3;
    await once(video, 'seeked');
    expect(video.currentTime).toBe(3);
    expect(await settled(played)).toBe(false);

    video.play().catch(() => {});
    await expect(played).resolves.toBeGreaterThan(3);
    expect(video.played.end(video.played.length - 1)).toBeGreaterThan(3);
  });
});
