import { describe, expect, it } from 'vitest';
import { createPrivatePlayback } from '../src/playback/PrivatePlayback.js';
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

// VHS's default 30 s buffer (no `shortVhsBuffers`): the first three segments load at once, and the refusal
// comes before much has played, as in the demo's fallback story.
cleanUpEachTest();

describe('video.js: a refusal on a live session is not held', () => {
  it('VHS tries the other rendition before the engine gives up on a refused segment', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'segment' }, status: 404, after: 3 });
    const { video } = createVideo();
    const playback = keep(
      createPrivatePlayback(
        video,
        { videoId: 'viPrivateTs', privateToken, domains: { vod: emulatorUrl } },
        { client: createClient(), engine: 'video.js', autoPlay: true },
      ),
    );
    await new Promise((resolve) => playback.on('fallback', resolve));
    const refused = (await deliveryLog('viPrivateTs')).filter((entry) => entry.rule === 'fault');
    // The first refusal is of the rendition that played; a held VHS asked it again, never the other.
    const renditions = new Set(refused.map((entry) => entry.path.split('/').at(-2)));
    expect(renditions).toEqual(new Set(['v0', 'v1']));
  });

  // While the controller only checks the session, a pause would have VHS ask the refused rendition again
  // (three times, then the mp4) instead of switching to the other one, which has the segment.
  it('a segment missing from one rendition only is got past on the other, without a fallback', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    await control.addFault({ match: { videoId: 'viPrivateTs', path: '/v1/seg_003' }, status: 404 });
    const { video } = createVideo();
    video.playbackRate = 2; // half the wall time; kept across the source
    const playback = keep(
      createPrivatePlayback(
        video,
        { videoId: 'viPrivateTs', privateToken, domains: { vod: emulatorUrl } },
        { client: createClient(), engine: 'video.js', autoPlay: true },
      ),
    );
    const fallbacks: unknown[] = [];
    playback.on('fallback', (event) => fallbacks.push(event));
    await playedPast(video, 8.5); // past the 6–8 s segment
    expect(fallbacks).toEqual([]);
    expect([playback.getSource(), playback.getState()]).toEqual(['hls', 'playing']);
    const log = await deliveryLog('viPrivateTs');
    expect(log.some((entry) => entry.path.endsWith('/v0/seg_003.ts') && entry.status === 200)).toBe(true);
    expect(log.filter((entry) => entry.kind === 'session')).toHaveLength(1);
  });
});
