import type { LogEntry } from '@private-video/emulator/control';
import videojs from 'video.js';
import { describe, expect, it } from 'vitest';
import { shortVhsBuffers } from '../../../scripts/vitest/shortVhsBuffers';
import { createPrivatePlayback, type PrivatePlayback } from '../src/playback/PrivatePlayback.js';
import type { VideoRefInit } from '../src/source/VideoRef.js';
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

shortVhsBuffers(videojs); // requests keep coming mid-play: the dead session is met while it plays
cleanUpEachTest();

/**
 * Resolves once the video waits for data, its buffer run out (at once if it already does): a point that
 * comes whatever the engine does meanwhile, since no new media can load on a dead session.
 */
function bufferRunOut(video: HTMLVideoElement): Promise<unknown> {
  if (video.readyState < HTMLMediaElement.HAVE_FUTURE_DATA) return Promise.resolve();
  return once(video, 'waiting');
}

const refused = (entry: LogEntry) => entry.kind !== 'session' && entry.status >= 400;
const brief = (entry: LogEntry) => `${entry.kind} ${entry.path.replace(/.*\/token\/[^/]+\//, '')}`;

/**
 * Plays with video.js, expires the session mid-play, and holds the renewal's `getPrivateToken` until the
 * video has run out of buffer (a token backend as slow as that). Returns the delivery requests refused
 * from the expiry to the renewal's new `/session`, and the playback, renewed.
 */
async function expireWithHeldRenewal(source: VideoRefInit) {
  const { videoId } = source;
  const { privateToken } = await control.mintToken(videoId);
  const { video } = createVideo();
  const getPrivateToken = async () => {
    await bufferRunOut(video);
    return (await control.mintToken(videoId)).privateToken;
  };
  const playback: PrivatePlayback = keep(
    createPrivatePlayback(
      video,
      { ...source, privateToken },
      {
        client: createClient(),
        engine: 'video.js',
        autoPlay: true,
        getPrivateToken,
      },
    ),
  );
  await once(video, 'playing');
  await playedPast(video, video.currentTime + 0.5);
  const renewed = new Promise((resolve) => playback.on('sessionrenewed', resolve));
  const before = (await control.log()).at(-1)?.seq ?? 0;
  await control.expireSessions({ videoId });
  await renewed;
  const log = (await deliveryLog(videoId)).filter((entry) => entry.seq > before);
  const renewal = log.findIndex((entry) => entry.kind === 'session');
  const held = log.slice(0, renewal).filter(refused);
  return { video, playback, held, log };
}

describe('video.js: while the renewal for a dead session is held up', () => {
  it.each(['viPrivateTs', 'viPrivateFmp4'])(
    '%s: VHS stops asking for what the dead session refuses, and plays on once renewed',
    async (videoId) => {
      const { video, playback, held, log } = await expireWithHeldRenewal({
        videoId,
        domains: { vod: emulatorUrl },
      });
      // The requests under way at the expiry and until the check found the session dead (13–15 with fMP4),
      // not VHS's loop through its renditions for as long as the renewal takes (150–318 in under 2 s).
      expect(held.length, held.slice(0, 20).map(brief).join(', ')).toBeLessThanOrEqual(30);
      await playedPast(video, video.currentTime + 1.5);
      expect([playback.getSource(), playback.getState()]).toEqual(['hls', 'playing']);
      expect(log.filter((entry) => entry.kind !== 'session' && !entry.avh)).toEqual([]);
    },
  );

  it('a live stream refreshes its playlist again, and plays on once renewed', async () => {
    const { video, playback } = await expireWithHeldRenewal({
      videoId: 'liPrivateLive',
      live: true,
      domains: { live: emulatorUrl },
    });
    const renewedAt = (await control.log()).at(-1)?.seq ?? 0;
    await playedPast(video, video.currentTime + 3); // past what was buffered: new segments, new playlists
    const since = (await deliveryLog('liPrivateLive')).filter((entry) => entry.seq > renewedAt);
    expect(since.filter((entry) => entry.kind === 'manifest' && entry.status === 200).length).toBeGreaterThan(
      0,
    );
    expect([playback.getSource(), playback.getState()]).toEqual(['hls', 'playing']);
  });
});
