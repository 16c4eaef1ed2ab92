import { describe, expect, it } from 'vitest';
import { createPrivatePlayback } from '../src/playback/PrivatePlayback.js';
import { SessionClient } from '../src/session/SessionClient.js';
import {
  cleanUpEachTest,
  control,
  createVideo,
  deliveryLog,
  emulatorUrl,
  keep,
  playedPast,
} from './browserHelpers.js';

cleanUpEachTest();

const videoId = 'viPrivateTs';

describe('hls.js: a renewal ahead that fails once the session has expired', () => {
  it('sends no request without avh until the refusal renews the session', async () => {
    const { privateToken } = await control.mintToken(videoId);
    // The client's clock, moved past the session's expiry while the video is paused.
    let skew = 0;
    const client = new SessionClient({
      storage: null,
      domains: { vod: emulatorUrl },
      now: () => Date.now() + skew,
    });
    let calls = 0;
    const getPrivateToken = async () => {
      calls += 1;
      if (calls === 1) throw new Error('token backend down');
      return (await control.mintToken(videoId)).privateToken;
    };
    // The renewal ahead of expiry comes due when the test says so; any other timer is a real one.
    let renewalDue: (() => void) | undefined;
    const setTimer = (callback: () => void, ms: number) => {
      if (renewalDue === undefined) {
        renewalDue = callback;
        return 0 as unknown as ReturnType<typeof setTimeout>;
      }
      return setTimeout(callback, ms);
    };
    const { video } = createVideo();
    const playback = keep(
      createPrivatePlayback(
        video,
        { videoId, privateToken, domains: { vod: emulatorUrl } },
        {
          client,
          engine: 'hls.js',
          autoPlay: true,
          getPrivateToken,
          hlsConfig: { maxBufferLength: 2, maxMaxBufferLength: 2 },
          setTimeout: setTimer as typeof setTimeout,
        },
      ),
    );
    await playedPast(video, 0.5);
    video.pause();
    renewalDue!(); // paused: it waits for play
    skew = 25 * 60 * 60 * 1000; // paused past expiry
    await control.expireSessions({ videoId });
    const renewed = new Promise((resolve) => playback.on('sessionrenewed', resolve));
    const failed = new Promise<void>((resolve) =>
      playback.session.subscribe((state) => {
        if (state.status === 'error') resolve();
      }),
    );
    await video.play();
    await failed; // the renewal ahead failed: the session has none left
    expect(playback.session.getState().session).toBeUndefined();
    await renewed; // a refusal renewed it
    await playedPast(video, video.currentTime + 1.5);
    const log = await deliveryLog(videoId);
    expect(log.filter((entry) => entry.kind === 'session').map((entry) => entry.status)).toEqual([200, 200]);
    expect(log.filter((entry) => entry.kind !== 'session' && !entry.avh)).toEqual([]);
    expect(playback.getState()).toBe('playing');
  });
});

describe('hls.js: a player with its own getPrivateToken and a thumbnail, on a session the clock says expired', () => {
  it("plays: the thumbnail's open, which nothing can renew, is renewed by the player that joins it", async () => {
    const { privateToken } = await control.mintToken(videoId);
    let skew = 0;
    // A client without getPrivateToken (the page's); its session expires while the page stays open.
    const client = new SessionClient({
      storage: null,
      domains: { vod: emulatorUrl },
      now: () => Date.now() + skew,
    });
    const source = { videoId, privateToken, domains: { vod: emulatorUrl } };
    await client.getSession(source);
    skew = 25 * 3_600_000;
    const getPrivateToken = async () => (await control.mintToken(videoId)).privateToken;
    const { video } = createVideo();
    const playback = keep(
      createPrivatePlayback(video, source, { client, engine: 'hls.js', autoPlay: true, getPrivateToken }),
    );
    const failed = new Promise<never>((_, reject) => playback.on('error', reject));
    failed.catch(() => {}); // one after the test's end is not the test's
    // The same video's thumbnail, mounted in the same tick: its open fails as `session-expired`.
    const thumbnail = client.video(source).open();
    await expect(thumbnail).rejects.toMatchObject({ code: 'session-expired' });
    await Promise.race([playedPast(video, 0.5), failed]);
    const sessions = (await deliveryLog(videoId)).filter((entry) => entry.kind === 'session');
    expect(sessions.map((entry) => entry.status)).toEqual([200, 200]);
  });
});
