import { deferred } from '@private-video/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { createPrivatePlayback } from '../src/playback/PrivatePlayback.js';
import {
  cleanUpEachTest,
  control,
  createClient,
  createVideo,
  deliveryLog,
  emulatorUrl,
  keep,
} from './browserHelpers.js';

cleanUpEachTest();

const videoId = 'viPrivateFmp4';

describe('hls.js: subtitles refused on a dead session', () => {
  it('gives the viewer their subtitles back once a renewal slower than hls.js gave up on them is done', async () => {
    const { privateToken } = await control.mintToken(videoId);
    // The renewal finishes only when the test says so: after hls.js has given up on the subtitles.
    const renewalMayFinish = deferred<void>();
    const getPrivateToken = async () => {
      await renewalMayFinish.promise;
      return (await control.mintToken(videoId)).privateToken;
    };
    // A session dead as far as the subtitles are concerned: the subtitle file is refused at each of
    // hls.js's attempts, and so is the session check (the manifest's second request), so the controller
    // renews it, while the video's own segments play on.
    const refusal = await control.addFault({ match: { videoId, kind: 'subtitle' }, status: 404 });
    await control.addFault({ match: { videoId, kind: 'manifest' }, status: 404, count: 1, after: 1 });
    const { video } = createVideo();
    const playback = keep(
      createPrivatePlayback(
        video,
        { videoId, privateToken, domains: { vod: emulatorUrl } },
        { client: createClient(), engine: 'hls.js', autoPlay: true, getPrivateToken },
      ),
    );
    const renewed = new Promise((resolve) => playback.on('sessionrenewed', resolve));
    const subtitles = () => Array.from(video.textTracks).filter((track) => track.kind === 'subtitles');
    await vi.waitFor(() => expect(subtitles().map((track) => track.mode)).toContain('showing'), {
      timeout: 10_000,
    });
    // hls.js gives up on the refused subtitles (after its retries) while the renewal is still under way.
    await vi.waitFor(() => expect(subtitles().map((track) => track.mode)).not.toContain('showing'), {
      timeout: 15_000,
      interval: 50,
    });
    expect(playback.session.getState().status).toBe('renewing');
    await control.removeFault(refusal.id); // the new session works
    renewalMayFinish.resolve();
    await renewed;
    await vi.waitFor(() => expect(subtitles().map((track) => track.mode)).toContain('showing'), {
      timeout: 10_000,
      interval: 50,
    });
    // …and its cues, asked for again with the new session.
    await vi.waitFor(() => expect(subtitles()[0]?.cues?.length).toBeGreaterThan(0), {
      timeout: 10_000,
      interval: 50,
    });
    const log = await deliveryLog(videoId);
    const files = log.filter((entry) => entry.kind === 'subtitle');
    expect(files.at(-2)?.status).toBe(404); // refused until hls.js gave up
    expect(files.at(-1)?.status).toBe(200);
    // Asked for again once the new session was open.
    expect(log.findLastIndex((entry) => entry.kind === 'session')).toBeLessThan(log.indexOf(files.at(-1)!));
    expect(log.filter((entry) => entry.kind !== 'session' && !entry.avh)).toEqual([]);
    expect([playback.getSource(), playback.getState()]).toEqual(['hls', 'playing']);
  });
});
