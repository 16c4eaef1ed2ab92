import videojs from 'video.js';
import { describe, expect, it } from 'vitest';
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
  once,
  playedPast,
} from './browserHelpers.js';

cleanUpEachTest();

describe.each<PlaybackEngineName>(['hls.js', 'video.js'])('%s', (engine) => {
  // video.js loads no segment of a live stream before it plays: an autoPlay that waited for metadata
  // would wait forever (it did, until the controller played as soon as the source started loading).
  it('plays a private live stream with autoPlay, its playlist and segments all signed', async () => {
    const { privateToken } = await control.mintToken('liPrivateLive');
    const { video } = createVideo();
    keep(
      createPrivatePlayback(
        video,
        { videoId: 'liPrivateLive', privateToken, live: true, domains: { live: emulatorUrl } },
        { client: createClient(), engine, autoPlay: true },
      ),
    );
    await once(video, 'playing');
    await playedPast(video, video.currentTime + 1);
    const log = await deliveryLog('liPrivateLive');
    expect(log.filter((entry) => entry.kind === 'session')).toHaveLength(1);
    expect(log.filter((entry) => entry.kind === 'segment' && entry.status === 200).length).toBeGreaterThan(0);
    expect(log.filter((entry) => entry.kind !== 'session' && !entry.avh)).toEqual([]);
  });

  // It used to wait for metadata to seek there first, which video.js never loads before it plays. (Where it
  // then plays from is the engine's: hls.js seeks into the live window, video.js goes to its live point.)
  it('plays with autoPlay when given a startTime', async () => {
    const { privateToken } = await control.mintToken('liPrivateLive');
    const { video } = createVideo();
    keep(
      createPrivatePlayback(
        video,
        { videoId: 'liPrivateLive', privateToken, live: true, domains: { live: emulatorUrl } },
        { client: createClient(), engine, autoPlay: true, startTime: 1 },
      ),
    );
    await once(video, 'playing');
    await playedPast(video, video.currentTime + 1);
    expect(video.paused).toBe(false);
  });

  // The source set again once renewed pauses the element, and video.js loads no segment of a paused live
  // stream: autoPlay has to play it again (it played only the first source, then sat paused).
  it('plays with autoPlay once the session its playlist was refused on is renewed', async () => {
    const { privateToken } = await control.mintToken('liPrivateLive');
    const getPrivateToken = async () => (await control.mintToken('liPrivateLive')).privateToken;
    const client = createClient();
    const source = { videoId: 'liPrivateLive', privateToken, live: true, domains: { live: emulatorUrl } };
    await client.getSession(source);
    await control.expireSessions({ videoId: 'liPrivateLive' }); // e.g. kept in storage since an earlier visit
    const { video } = createVideo();
    const playback = keep(
      createPrivatePlayback(video, source, { client, engine, autoPlay: true, getPrivateToken }),
    );
    await new Promise((resolve) => playback.on('sessionrenewed', resolve));
    await playedPast(video, video.currentTime + 1);
    expect([video.paused, playback.getState()]).toEqual([false, 'playing']);
  });
});

describe("video.js's log with a live stream", () => {
  // A live stream's playlist is the signed URL itself, and VHS's playlist selector (a logger made when
  // video.js loads, before any engine wraps the log) names it in debug lines the history keeps at any level.
  it('keeps the session token out of videojs.log.history(), while playing and after', async () => {
    const history = videojs.log.history;
    history.clear();
    const strings = () =>
      videojs.log
        .history()
        .flat()
        .filter((arg): arg is string => typeof arg === 'string');
    const { privateToken } = await control.mintToken('liPrivateLive');
    const { video } = createVideo();
    const playback = createPrivatePlayback(
      video,
      { videoId: 'liPrivateLive', privateToken, live: true, domains: { live: emulatorUrl } },
      { client: createClient(), engine: 'video.js', autoPlay: true },
    );
    keep(playback);
    await once(video, 'playing');
    await playedPast(video, video.currentTime + 1);
    // VHS did name the live playlist in the history (so this test can fail), without its avh.
    expect(
      strings().some((line) => line.startsWith('choosing') && line.includes('/liPrivateLive.m3u8')),
    ).toBe(true);
    expect(strings().filter((line) => line.includes('avh='))).toEqual([]);

    playback.destroy();
    expect(videojs.log.history).toBe(history);
    expect(strings().filter((line) => line.includes('avh='))).toEqual([]);
  });
});
