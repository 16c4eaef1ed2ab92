import type { FaultSpec } from '@private-video/emulator/control';
import { reachableStrings } from '@private-video/test-utils';
import Hls from 'hls.js';
import videojs from 'video.js';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { shortVhsBuffers } from '../../../scripts/vitest/shortVhsBuffers';
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
  expectGivenUpAfterShortTimeout,
  keep,
  once,
  playedPast,
  shortAnswerTimeout,
} from './browserHelpers.js';

type Player = ReturnType<typeof videojs>;

shortVhsBuffers(videojs);

cleanUpEachTest();

function play(videoId: string, privateToken: string, engine: PlaybackEngineName, extra = {}) {
  const { video } = createVideo();
  const playback = createPrivatePlayback(
    video,
    { videoId, privateToken, domains: { vod: emulatorUrl } },
    { client: createClient(), engine, autoPlay: true, ...extra },
  );
  keep(playback);
  return { video, playback };
}

/**
 * The engine gave up on a segment failing with 500 at its second failure in a row, the viewer waiting on it
 * (without that, hls.js would retry three times and VHS fail a third time first): the mp4 plays from `position`.
 */
async function expectFallbackWhileWaiting({ video, playback }: ReturnType<typeof play>, position: number) {
  const fallback = await new Promise<{ position: number; reason: PrivateVideoError }>((resolve) =>
    playback.on('fallback', resolve),
  );
  expect(fallback.reason.message).toMatch(/ 2 (failures|times) in a row, the video waiting/);
  expect([fallback.reason.status, fallback.position]).toEqual([500, position]);
  await playedPast(video, position + 1);
  expect(playback.getSource()).toBe('mp4');
}

const engines: PlaybackEngineName[] = ['hls.js', 'video.js'];
const media = [
  { videoId: 'viPrivateTs', kinds: ['session', 'manifest', 'playlist', 'segment'], paths: [] },
  {
    videoId: 'viPrivateFmp4',
    kinds: ['session', 'manifest', 'playlist', 'init', 'key', 'segment', 'subtitle'],
    // the alternate audio rendition and the subtitle rendition, besides the video
    paths: ['/audio/index.m3u8', '/audio/init_', '/audio/seg_', '/subs/index.m3u8', '/subs/subs.vtt'],
  },
];

/** The subtitle tracks shown: video.js emulates text tracks (off Safari), hls.js adds them to the element. */
function subtitleTracks(video: HTMLVideoElement): TextTrack[] {
  const players = Object.values(videojs.getPlayers() as Record<string, Player | null>);
  const player = players.find((candidate) => candidate?.tech(true)?.el() === video);
  const list = (player?.textTracks() ?? video.textTracks) as unknown as ArrayLike<TextTrack>;
  return Array.from(list).filter((track) => track.kind === 'subtitles');
}

describe.each(engines)('%s', (engine) => {
  it.each(media)(
    'signs every request of $videoId, with exactly one session',
    async ({ videoId, kinds, paths }) => {
      const { privateToken } = await control.mintToken(videoId);
      const { video } = play(videoId, privateToken, engine);
      await playedPast(video, 2.5);
      const log = await deliveryLog(videoId);
      expect(log.filter((entry) => entry.kind === 'session')).toHaveLength(1);
      expect(log.filter((entry) => entry.kind !== 'session' && !entry.avh)).toEqual([]);
      expect(log.filter((entry) => entry.status >= 400)).toEqual([]);
      expect([...new Set(log.map((entry) => entry.kind))].sort()).toEqual([...kinds].sort());
      for (const path of paths) expect(log.some((entry) => entry.path.includes(path))).toBe(true);
    },
  );

  it('falls back to the mp4 when the manifest fails at start', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'manifest' }, status: 500 });
    const { video, playback } = play('viPrivateTs', privateToken, engine);
    const fallback = await new Promise((resolve) => playback.on('fallback', resolve));
    expect(fallback).toMatchObject({ from: 'hls', to: 'mp4', position: 0 });
    await playedPast(video, 1);
    expect(playback.getSource()).toBe('mp4');
    const mp4Requests = (await deliveryLog('viPrivateTs')).filter((entry) => entry.kind === 'mp4');
    expect(mp4Requests.length).toBeGreaterThan(0);
    expect(mp4Requests.every((entry) => entry.avh && entry.status < 400)).toBe(true);
  });

  it('keeps the session token out of the fallback reason when the manifest is refused', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'manifest' }, status: 404 });
    const { playback } = play('viPrivateTs', privateToken, engine);
    const { reason } = await new Promise<{ reason: PrivateVideoError }>((resolve) =>
      playback.on('fallback', resolve),
    );
    const token = playback.session.getState().session!.token;
    // Which error reaches the fallback first is the engine's race (video.js may report the MSE pipeline
    // before the playlist); whichever it is, it holds no token. The engines' unit tests pin the
    // playlist error's own message.
    expect(reachableStrings(reason).filter((text) => text.includes(token) || text.includes('avh='))).toEqual(
      [],
    );
  });

  it('loads the manifest again after renewing a session it was refused on', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    const getPrivateToken = async () => (await control.mintToken('viPrivateTs')).privateToken;
    // The manifest is refused (both of hls.js's attempts), and so is the session check: a dead session.
    await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'manifest' }, status: 403, count: 2 });
    await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'thumbnail' }, status: 403, count: 1 });
    const { video, playback } = play('viPrivateTs', privateToken, engine, { getPrivateToken });
    await playedPast(video, 1);
    expect(playback.getSource()).toBe('hls');
    const log = await deliveryLog('viPrivateTs');
    expect(log.filter((entry) => entry.kind === 'session').map((entry) => entry.status)).toEqual([200, 200]);
  });

  it('falls back mid-stream on a segment that is missing for good, keeping the position', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    await control.addFault({ match: { videoId: 'viPrivateTs', path: 'seg_003' }, status: 404 });
    const { video, playback } = play('viPrivateTs', privateToken, engine, {
      hlsConfig: { maxBufferLength: 2 },
    });
    const errors: PrivateVideoError[] = [];
    playback.on('error', (error) => errors.push(error));
    await playedPast(video, 0.2);
    video.playbackRate = 1.25;
    video.volume = 0.4;
    const fallback = await new Promise<{ position: number }>((resolve) => playback.on('fallback', resolve));
    expect(fallback.position).toBeGreaterThan(0.5); // it was playing when the segment went missing
    await once(video, 'loadedmetadata');
    if (video.seeking) await once(video, 'seeked');
    expect(Math.abs(video.currentTime - fallback.position)).toBeLessThanOrEqual(0.5);
    await playedPast(video, fallback.position + 1);
    expect(errors).toEqual([]);
    expect(playback.getSource()).toBe('mp4');
    expect([video.paused, video.playbackRate, video.volume]).toEqual([false, 1.25, 0.4]);
  });

  it('falls back mid-stream on a segment that keeps failing with 503, spending no token', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    await control.addFault({ match: { videoId: 'viPrivateTs', path: 'seg_003' }, status: 503 });
    const { video, playback } = play('viPrivateTs', privateToken, engine, {
      hlsConfig: { maxBufferLength: 2 },
    });
    const fallback = await new Promise<{ position: number }>((resolve) => playback.on('fallback', resolve));
    expect(fallback.position).toBeGreaterThan(0.5);
    await playedPast(video, fallback.position + 1);
    expect(playback.getSource()).toBe('mp4');
    const sessions = (await deliveryLog('viPrivateTs')).filter((entry) => entry.kind === 'session');
    expect(sessions).toHaveLength(1); // a 5xx is no refusal: nothing was renewed
  });

  it('falls back at the second failure in a row when the viewer waits on it, not after every retry', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    const playing = play('viPrivateTs', privateToken, engine, {
      hlsConfig: { maxBufferLength: 2, maxMaxBufferLength: 2 },
    });
    await playedPast(playing.video, 0.5);
    await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'segment' }, status: 500 });
    playing.video.currentTime = 8; // nothing buffered there: the viewer waits on the failing segment
    await expectFallbackWhileWaiting(playing, 8);
  });

  it('falls back at start when the first segment fails twice while autoPlay waits for it', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'segment' }, status: 500 });
    await expectFallbackWhileWaiting(play('viPrivateTs', privateToken, engine), 0);
  });

  // hls.js gives up on failing subtitles after its retries; VHS drops the track at the first failure, and
  // asks again each time it is shown again. Neither may end the HLS playback.
  it.each([
    { asset: 'subtitle file', match: { kind: 'subtitle' }, status: 404 },
    { asset: 'subtitle playlist', match: { path: '/subs/index.m3u8' }, status: 503 },
  ] as const)('keeps playing HLS when the $asset keeps failing ($status)', async ({ match, status }) => {
    const { privateToken } = await control.mintToken('viPrivateFmp4');
    await control.addFault({ match: { videoId: 'viPrivateFmp4', ...match }, status });
    const { video, playback } = play('viPrivateFmp4', privateToken, engine, {
      hlsConfig: { maxBufferLength: 2, maxMaxBufferLength: 2 },
    });
    const fallbacks: unknown[] = [];
    playback.on('fallback', (event) => fallbacks.push(event));
    await playedPast(video, 0.5);
    const subtitleFailures = async () =>
      (await deliveryLog('viPrivateFmp4')).filter(
        (entry) => entry.path.includes('/subs/') && entry.status === status,
      ).length;
    const [track] = subtitleTracks(video);
    expect(track).toBeDefined();
    // Each time the engine has turned the subtitles off, the viewer turns them on again, until they
    // failed 3 times in a row (when the video.js engine used to give up on them, and on HLS).
    for (;;) {
      await vi.waitFor(
        () => {
          if (track?.mode !== 'disabled' && fallbacks.length === 0) throw new Error('subtitles still on');
        },
        { timeout: 15_000, interval: 50 },
      );
      if (fallbacks.length > 0 || (await subtitleFailures()) >= 3) break;
      track!.mode = 'showing';
    }
    await playedPast(video, video.currentTime + 1.5);
    expect(fallbacks).toEqual([]);
    expect([playback.getSource(), playback.getState()]).toEqual(['hls', 'playing']);
    expect(await subtitleFailures()).toBeGreaterThanOrEqual(3);
    const sessions = (await deliveryLog('viPrivateFmp4')).filter((entry) => entry.kind === 'session');
    expect(sessions).toHaveLength(1); // a missing subtitle spends no token (the session check found it alive)
  });

  it('renews a session that expires mid-play and plays on to the end', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs', { sessionTtl: 5 });
    const getPrivateToken = async () =>
      (await control.mintToken('viPrivateTs', { sessionTtl: 5 })).privateToken;
    const { video, playback } = play('viPrivateTs', privateToken, engine, {
      getPrivateToken,
      hlsConfig: { maxBufferLength: 2, maxMaxBufferLength: 2 },
      renewMargin: 0,
    });
    const renewals: unknown[] = [];
    playback.on('sessionrenewed', (event) => renewals.push(event));
    await once(video, 'ended');
    expect(renewals.length).toBeGreaterThan(0);
    expect(playback.getState()).not.toBe('error');
  });

  it('renews when the test control expires the session mid-play', async () => {
    const { privateToken } = await control.mintToken('viPrivateFmp4');
    const getPrivateToken = async () => (await control.mintToken('viPrivateFmp4')).privateToken;
    const { video, playback } = play('viPrivateFmp4', privateToken, engine, {
      getPrivateToken,
      hlsConfig: { maxBufferLength: 2, maxMaxBufferLength: 2 },
    });
    await playedPast(video, 1.5);
    const renewed = new Promise((resolve) => playback.on('sessionrenewed', resolve));
    await control.expireSessions({ videoId: 'viPrivateFmp4' });
    await renewed;
    await playedPast(video, video.currentTime + 3);
    const sessions = (await deliveryLog('viPrivateFmp4')).filter((entry) => entry.kind === 'session');
    expect(sessions.map((entry) => entry.status)).toEqual([200, 200]);
  });
});

/** Plays from 3 s, at the rate the element had before: the viewer's speed, kept by the app. */
function playFrom3sAt125(privateToken: string, engine: PlaybackEngineName) {
  const { video } = createVideo();
  video.playbackRate = 1.25;
  const playback = createPrivatePlayback(
    video,
    { videoId: 'viPrivateTs', privateToken, domains: { vod: emulatorUrl } },
    { client: createClient(), engine, autoPlay: true, startTime: 3 },
  );
  keep(playback);
  return { video, playback };
}

describe.each<PlaybackEngineName>(['hls.js', 'video.js', 'native'])('%s with startTime', (engine) => {
  it('starts there at the rate the element had before its source was set', async () => {
    const { video } = playFrom3sAt125((await control.mintToken('viPrivateTs')).privateToken, engine);
    await once(video, 'playing');
    expect(video.currentTime).toBeGreaterThanOrEqual(2.9);
    expect(video.playbackRate).toBe(1.25);
  });
});

describe.each(engines)('%s with startTime, when the manifest fails', (engine) => {
  it('starts the mp4 there, at the rate the element had before', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'manifest' }, status: 500 });
    const { video, playback } = playFrom3sAt125(privateToken, engine);
    await once(video, 'playing');
    expect(playback.getSource()).toBe('mp4');
    expect(video.currentTime).toBeGreaterThanOrEqual(2.9);
    expect(video.playbackRate).toBe(1.25);
  });
});

// The first answer of the mp4 fails before any metadata came, and the browser would not ask again by itself.
// Cut short (the connection dropped after 1 000 bytes), Chromium fails the element with MediaError 4, as for a
// file it cannot read: that was a final error at once. Held (no answer at all), it waited for good.
describe.each<PlaybackEngineName>(['hls.js', 'video.js', 'native'])(
  '%s, when the first answer of the mp4 fails',
  (engine) => {
    /** The mp4 from 3 s, under `fault`: the native engine plays it, the others after their manifest failed. */
    async function playMp4From3s(fault: Omit<FaultSpec, 'match'>) {
      const { privateToken } = await control.mintToken('viPrivateTs');
      if (engine !== 'native')
        await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'manifest' }, status: 500 });
      await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'mp4' }, ...fault });
      return playFrom3sAt125(privateToken, engine);
    }

    /** Plays from the start time at the rate it had, with every mp4 request signed. */
    async function expectPlayedFrom3s({ video, playback }: ReturnType<typeof playFrom3sAt125>) {
      const failed = new Promise<never>((_resolve, reject) => playback.on('error', reject));
      await Promise.race([once(video, 'playing'), failed]);
      expect(video.currentTime).toBeGreaterThanOrEqual(2.9);
      expect(video.playbackRate).toBe(1.25);
      const mp4 = (await deliveryLog('viPrivateTs')).filter((entry) => entry.kind === 'mp4');
      expect(mp4.every((entry) => entry.avh)).toBe(true);
      return mp4;
    }

    it('cut short: loads it once more, and plays it from the start time', async () => {
      const mp4 = await expectPlayedFrom3s(await playMp4From3s({ cutAfterBytes: 1_000, count: 1 }));
      expect(mp4.filter((entry) => entry.rule === 'fault-cut')).toHaveLength(1);
    });

    it('cut short every time: fails with a media error after the one more load', async () => {
      const { playback } = await playMp4From3s({ cutAfterBytes: 1_000 });
      const error = await new Promise<PrivateVideoError>((resolve) => playback.on('error', resolve));
      expect(error.code).toBe('media');
      const mp4 = (await deliveryLog('viPrivateTs')).filter((entry) => entry.kind === 'mp4');
      // The first load and the one more (Chromium may ask a load's first bytes more than once).
      expect(mp4.filter((entry) => entry.rule === 'fault-cut').length).toBeGreaterThanOrEqual(2);
    });

    // hls.js plays its mp4 through the native engine: the native cases say the rest of it.
    const nativeMp4 = engine === 'hls.js';
    it.each(nativeMp4 ? [1] : [1, 2])(
      'never answered %i time(s): asks again at each stall, and plays it from the start time',
      async (count) => {
        await expectPlayedFrom3s(await playMp4From3s({ hang: true, count }));
        // A held request ends when the reload drops it: logged then, with no status.
        await vi.waitFor(async () => {
          const mp4 = (await deliveryLog('viPrivateTs')).filter((entry) => entry.kind === 'mp4');
          expect(mp4.filter((entry) => entry.rule === 'fault-hang')).toHaveLength(count);
        });
      },
    );

    it.skipIf(nativeMp4)(
      'never answered at all: fails with a media error rather than wait for good',
      async () => {
        const { playback } = await playMp4From3s({ hang: true });
        const error = await new Promise<PrivateVideoError>((resolve) => playback.on('error', resolve));
        expect([error.code, error.message]).toEqual(['media', expect.stringContaining('no data came')]);
        const mp4 = (await deliveryLog('viPrivateTs')).filter((entry) => entry.kind === 'mp4');
        // The first load, two reloads at stalls, and the controller's one more load (see above); a request the
        // player still held is logged once it ends.
        expect(mp4.filter((entry) => entry.rule === 'fault-hang').length).toBeGreaterThanOrEqual(3);
      },
      40_000,
    );
  },
);

// The clip is 12 s in 2 s segments: from 10.5 s, only seg_005 is needed. hls.js used to load from segment 0
// until the element's metadata let the controller seek.
describe('hls.js with a startTime near the end', () => {
  it.each([
    { when: 'at start', refused: false },
    { when: 'after renewing a session its manifest was refused on', refused: true },
  ])('requests no segment before it ($when)', async ({ refused }) => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    const getPrivateToken = async () => (await control.mintToken('viPrivateTs')).privateToken;
    if (refused) {
      // The manifest is refused (both of hls.js's attempts), and so is the session check: a dead session.
      await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'manifest' }, status: 403, count: 2 });
      await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'thumbnail' }, status: 403, count: 1 });
    }
    const { video, playback } = play('viPrivateTs', privateToken, 'hls.js', {
      startTime: 10.5,
      getPrivateToken,
    });
    await playedPast(video, 10.6);
    expect(playback.getSource()).toBe('hls');
    const log = await deliveryLog('viPrivateTs');
    const segments = log
      .filter((entry) => entry.kind === 'segment')
      .map((entry) => entry.path.split('/').at(-1));
    expect(segments.length).toBeGreaterThan(0);
    expect(segments.filter((segment) => segment !== 'seg_005.ts')).toEqual([]);
    const sessions = log.filter((entry) => entry.kind === 'session');
    expect(sessions).toHaveLength(refused ? 2 : 1);
  });
});

describe('hls.js at start, while autoPlay waits', () => {
  it('retries two requests that fail once each (the video and audio init, one passing error): no fallback', async () => {
    const { privateToken } = await control.mintToken('viPrivateFmp4');
    // '…p/init_' is the video's rendition (240p, 360p), never the alternate audio's.
    for (const path of ['p/init_', '/audio/init_'])
      await control.addFault({ match: { videoId: 'viPrivateFmp4', path }, status: 503, count: 1 });
    const { video, playback } = play('viPrivateFmp4', privateToken, 'hls.js');
    const fallbacks: unknown[] = [];
    playback.on('fallback', (event) => fallbacks.push(event));
    await playedPast(video, 1);
    expect([fallbacks, playback.getSource()]).toEqual([[], 'hls']);
    const inits = (await deliveryLog('viPrivateFmp4')).filter((entry) => entry.kind === 'init');
    expect(inits.filter((entry) => entry.status === 503)).toHaveLength(2);
  });
});

describe('hls.js recovering from a media error', () => {
  /** What hls.js reports when the browser cannot take a segment: the engine's one recovery, at the first. */
  const appendError = {
    type: Hls.ErrorTypes.MEDIA_ERROR,
    details: Hls.ErrorDetails.BUFFER_APPEND_ERROR,
    fatal: true,
    error: new Error('the decoder failed'),
  };

  /** hls.js playing past `at` s, then at 1.5×: with its `Hls`, which a spy catches attaching. */
  async function playingFast(at: number) {
    const attach = vi.spyOn(Hls.prototype, 'attachMedia');
    onTestFinished(() => attach.mockRestore());
    const { privateToken } = await control.mintToken('viPrivateTs');
    const { video, playback } = play('viPrivateTs', privateToken, 'hls.js');
    await playedPast(video, at);
    video.playbackRate = 1.5;
    return { video, playback, hls: attach.mock.contexts[0] as Hls };
  }
  const attached = (hls: Hls) => new Promise((resolve) => hls.once(Hls.Events.MEDIA_ATTACHED, resolve));

  it('plays on at the same rate: the recovery gives the element a new source, which resets it', async () => {
    const { video, playback, hls } = await playingFast(1);
    const position = video.currentTime; // as the error comes
    hls.trigger(Hls.Events.ERROR, appendError);
    await once(video, 'loadedmetadata');
    expect([video.paused, video.playbackRate]).toEqual([false, 1.5]);
    await playedPast(video, position + 0.5);
    expect([playback.getSource(), playback.getState()]).toEqual(['hls', 'playing']);
  });

  it("says where the viewer is while the recovered source loads, though the element's time is back at 0", async () => {
    const { video, playback, hls } = await playingFast(1.5);
    const position = video.currentTime; // as the error comes
    hls.trigger(Hls.Events.ERROR, appendError);
    await attached(hls);
    expect([video.readyState, video.currentTime, video.playbackRate]).toEqual([0, 0, 1]);
    // What an app saving the viewer's place (or a retry) reads meanwhile.
    expect(playback.getPosition()).toBe(position);
    expect(playback.getViewerState()).toMatchObject({ position, playing: true, rate: 1.5 });
    await once(video, 'loadedmetadata');
    await playedPast(video, position + 0.5);
    expect(playback.getPosition()).toBe(video.currentTime);
  });

  it('falls back where it was, playing at its rate, when the recovered source fails before it loaded', async () => {
    const { video, playback, hls } = await playingFast(2.5);
    const position = video.currentTime; // as the error comes
    const fallback = new Promise<{ position: number }>((resolve) => playback.on('fallback', resolve));
    hls.trigger(Hls.Events.ERROR, appendError); // the one recovery: a new MediaSource, nothing in it yet
    await attached(hls);
    hls.trigger(Hls.Events.ERROR, appendError); // the recovered source fails too, before its metadata
    expect((await fallback).position).toBeGreaterThanOrEqual(position);
    await once(video, 'loadedmetadata');
    if (video.seeking) await once(video, 'seeked');
    expect(video.currentTime).toBeGreaterThanOrEqual(position);
    await playedPast(video, position + 0.5);
    expect([playback.getSource(), video.paused, video.playbackRate]).toEqual(['mp4', false, 1.5]);
  });
});

describe('hls.js where the browser cannot decode the codecs of any rendition', () => {
  it('falls back to the mp4 instead of waiting forever on a recovery that cannot help', async () => {
    // Media Source Extensions here, but not for the stream's H.264 Main profile: hls.js finds no level
    // it can play (a fatal media error), while the browser plays the mp4 itself.
    const lacking = (type: string) => !type.includes('avc1.4d40');
    for (const mediaSource of [
      globalThis.MediaSource,
      (globalThis as { ManagedMediaSource?: typeof MediaSource }).ManagedMediaSource,
    ]) {
      if (mediaSource) vi.spyOn(mediaSource, 'isTypeSupported').mockImplementation(lacking);
    }
    try {
      const { privateToken } = await control.mintToken('viPrivateTs');
      const { video, playback } = play('viPrivateTs', privateToken, 'hls.js');
      const fallbacks: { reason: PrivateVideoError }[] = [];
      playback.on('fallback', (event) => fallbacks.push(event));
      await vi.waitFor(() => expect(fallbacks).toHaveLength(1), { timeout: 10_000 });
      expect(fallbacks[0]!.reason).toMatchObject({
        code: 'unsupported',
        message: expect.stringContaining('manifestIncompatibleCodecsError'),
      });
      await playedPast(video, 1);
      expect(playback.getSource()).toBe('mp4');
    } finally {
      vi.restoreAllMocks();
    }
  });
});

// Cut short mid-play, Chromium asks for the rest by itself; when that request gets no answer, it stalls there for
// good (WebKit stalls at the cut itself: see the page scenarios). The mp4 of the native engine (and of hls.js's
// fallback) is asked for again from where playback stands, as is video.js's.
describe.each<PlaybackEngineName>(['hls.js', 'video.js', 'native'])(
  '%s, when the mp4 is cut short mid-play',
  (engine) => {
    it('asks for it again from where it stands once the rest gets no answer, and plays on', async () => {
      const { privateToken } = await control.mintToken('viPrivateTs');
      if (engine !== 'native')
        await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'manifest' }, status: 500 });
      // About 3 s of the 12 s clip, then the request for the rest is held.
      await control.addFault({
        match: { videoId: 'viPrivateTs', kind: 'mp4' },
        cutAfterBytes: 200_000,
        count: 1,
      });
      await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'mp4' }, hang: true, count: 1 });
      const { video, playback } = play('viPrivateTs', privateToken, engine);
      const failed = new Promise<never>((_resolve, reject) => playback.on('error', reject));
      await Promise.race([playedPast(video, 8), failed]);
      const mp4 = (await deliveryLog('viPrivateTs')).filter((entry) => entry.kind === 'mp4');
      expect(mp4.filter((entry) => entry.rule === 'fault-cut')).toHaveLength(1);
      expect(mp4.every((entry) => entry.avh)).toBe(true);
    }, 40_000);
  },
);

// VHS sets a segment's request no time limit while no lower rendition is left (at the start, the lowest one),
// and waited for good on an answer that never came (a connection dropped without a word): stuck in 'loading'
// for over a minute with a TS segment, an fMP4 init segment or an AES-128 key. A manifest waited 45 s (VHS's
// own limit) before the mp4 fallback.
describe('video.js when the manifest fails once its MediaSource is open', () => {
  it('names the manifest and its status, though the element fails naming no request', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    // Answered late, the 500 finds VHS's MediaSource open: VHS ends the stream (`endOfStream('network')`)
    // instead of firing its own error, and Chromium fails the element (MediaError 4), which names nothing.
    await control.addFault({
      match: { videoId: 'viPrivateTs', kind: 'manifest' },
      status: 500,
      delayMs: 300,
    });
    const { video, playback } = play('viPrivateTs', privateToken, 'video.js');
    const { reason } = await new Promise<{ reason: PrivateVideoError }>((resolve) =>
      playback.on('fallback', resolve),
    );
    expect(reason.message).toContain('MediaError 4'); // the element's error, not VHS's (MediaError 2)
    expect(reason).toMatchObject({
      code: 'media',
      status: 500,
      url: expect.stringMatching(/\/hls\/manifest\.m3u8$/),
    });
    await playedPast(video, 1);
  });
});

describe('video.js when an answer never comes', () => {
  it.each([
    ['a segment', 'viPrivateTs', 'segment', 'hls'],
    ['an init segment', 'viPrivateFmp4', 'init', 'hls'],
    ['a key', 'viPrivateFmp4', 'key', 'hls'],
    ['the manifest', 'viPrivateTs', 'manifest', 'mp4'],
  ] as const)(
    'fails %s (of %s) silent for its answerTimeout as a dropped connection: it plays on',
    async (_what, videoId, kind, source) => {
      const { privateToken } = await control.mintToken(videoId);
      await control.addFault({ match: { videoId, kind }, hang: true, count: 1 });
      const answerTimeout = shortAnswerTimeout;
      const { video, playback } = play(videoId, privateToken, 'video.js', { answerTimeout });
      const reasons: string[] = [];
      playback.on('fallback', ({ reason }) => reasons.push(reason.code));
      const failed = new Promise<never>((_resolve, reject) => playback.on('error', reject));
      await Promise.race([playedPast(video, 1), failed]);
      expect(playback.getSource()).toBe(source);
      // No answer is the connection's failure, not the media's.
      expect(reasons).toEqual(source === 'mp4' ? ['network'] : []);
      const log = await deliveryLog(videoId);
      const held = log.filter((entry) => entry.rule === 'fault-hang');
      expect(held).toHaveLength(1);
      expect(held[0]!.kind).toBe(kind);
      expectGivenUpAfterShortTimeout(log);
    },
    40_000,
  );
});

// hls.js gives a manifest no time-to-first-byte limit, only 20 s to load, and asks twice more after a time-out:
// a manifest that never answered kept the player loading for 20 s (once) or 60 s (for good, then the mp4).
describe('hls.js when the manifest never answers', () => {
  it.each([
    ['once', 1, 'hls'],
    ['at all', undefined, 'mp4'],
  ] as const)(
    '%s: asks again after its answerTimeout, then falls back to the mp4',
    async (_when, count, source) => {
      const { privateToken } = await control.mintToken('viPrivateTs');
      await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'manifest' }, hang: true, count });
      const answerTimeout = shortAnswerTimeout;
      const { video, playback } = play('viPrivateTs', privateToken, 'hls.js', { answerTimeout });
      const reasons: string[] = [];
      playback.on('fallback', ({ reason }) => reasons.push(reason.code));
      const failed = new Promise<never>((_resolve, reject) => playback.on('error', reject));
      await Promise.race([playedPast(video, 1), failed]);
      expect(playback.getSource()).toBe(source);
      expect(reasons).toEqual(source === 'mp4' ? ['network'] : []);
      const log = await deliveryLog('viPrivateTs');
      expect(log.filter((entry) => entry.rule === 'fault-hang')).toHaveLength(count ?? 2);
      expectGivenUpAfterShortTimeout(log);
    },
    40_000,
  );
});

describe('video.js without Media Source Extensions', () => {
  it('is not supported, so the signed mp4 plays instead of unsigned native HLS', async () => {
    const { videojsEngine } = await import('../src/engines/videojsEngine.js');
    expect(videojsEngine.isSupported()).toBe(true);
    vi.stubGlobal('MediaSource', undefined);
    try {
      expect(videojsEngine.isSupported()).toBe(false);
      const { privateToken } = await control.mintToken('viPrivateTs');
      const { video, playback } = play('viPrivateTs', privateToken, 'video.js');
      await playedPast(video, 1);
      expect(playback.getSource()).toBe('mp4');
      const log = await deliveryLog('viPrivateTs');
      expect(log.filter((entry) => entry.kind !== 'session' && !entry.avh)).toEqual([]);
      expect(log.some((entry) => entry.kind === 'manifest')).toBe(false);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('video.js where it would replace the given element by a copy (iOS, iPadOS)', () => {
  it('plays in the element it was given, whose events the controller follows (autoPlay, state)', async () => {
    const html5 = videojs.getTech('Html5') as unknown as { prototype: { movingMediaElementInDOM: boolean } };
    const moving = html5.prototype.movingMediaElementInDOM;
    html5.prototype.movingMediaElementInDOM = false; // what video.js sets where IS_IOS
    try {
      const { privateToken } = await control.mintToken('viPrivateTs');
      const { video, playback } = play('viPrivateTs', privateToken, 'video.js', { startTime: 1 });
      // The element the player's tech plays in, once there is one (disposed players are null).
      const players = () => Object.values(videojs.getPlayers() as Record<string, Player | null>);
      const techElement = await vi.waitFor(() => {
        const element = players()
          .find((player) => player?.tech(true))
          ?.tech(true)
          .el();
        if (element === undefined) throw new Error('no player yet');
        return element;
      });
      expect(techElement).toBe(video);
      expect(video.isConnected).toBe(true);
      await playedPast(video, 1.5);
      expect(playback.getState()).toBe('playing');
    } finally {
      html5.prototype.movingMediaElementInDOM = moving;
    }
  });
});

describe("video.js's own log", () => {
  it('keeps the session token out of the lines VHS logs about the requests that failed', async () => {
    const warnings = vi.spyOn(console, 'warn');
    try {
      const { privateToken } = await control.mintToken('viPrivateTs');
      await control.addFault({ match: { videoId: 'viPrivateTs', path: 'seg_003' }, status: 404 });
      const { playback } = play('viPrivateTs', privateToken, 'video.js');
      await new Promise((resolve) => playback.on('fallback', resolve));
      const logged = [
        ...warnings.mock.calls.flat(),
        ...(videojs as unknown as { log: { history(): unknown[][] } }).log.history().flat(),
      ].filter((arg): arg is string => typeof arg === 'string');
      // VHS did write the failed URL (so this test can fail), without its avh.
      expect(logged.some((line) => line.includes('/seg_003.ts'))).toBe(true);
      expect(logged.filter((line) => line.includes('avh='))).toEqual([]);
    } finally {
      warnings.mockRestore();
    }
  });
});

describe('errors and teardown', () => {
  it('an unknown private token gives a typed error and no retry storm', async () => {
    const { playback } = play('viPrivateTs', 'ffffffff-0000-4000-8000-000000000000', 'hls.js');
    const error = await new Promise<PrivateVideoError>((resolve) => playback.on('error', resolve));
    expect(error.code).toBe('token-used');
    const log = await deliveryLog('viPrivateTs');
    expect(log.map((entry) => `${entry.kind} ${entry.status}`)).toEqual(['session 404']);
  });

  it('50 create/destroy cycles leave no engine instance or media listener behind', async () => {
    const { hlsEngine } = await import('../src/engines/hlsEngine.js');
    let live = 0;
    const counting = {
      isSupported: hlsEngine.isSupported,
      createEngine: (context: Parameters<typeof hlsEngine.createEngine>[0]) => {
        const engine = hlsEngine.createEngine(context);
        live += 1;
        return {
          ...engine,
          destroy: () => {
            live -= 1;
            engine.destroy();
          },
        };
      },
    };
    const { video } = createVideo();
    let listeners = 0;
    const add = video.addEventListener.bind(video);
    const remove = video.removeEventListener.bind(video);
    video.addEventListener = (...args: Parameters<typeof add>) => {
      listeners += 1;
      add(...args);
    };
    video.removeEventListener = (...args: Parameters<typeof remove>) => {
      listeners -= 1;
      remove(...args);
    };
    const client = createClient();
    const { privateToken } = await control.mintToken('viPrivateTs');
    for (let cycle = 0; cycle < 50; cycle++) {
      const playback = createPrivatePlayback(
        video,
        { videoId: 'viPrivateTs', privateToken, domains: { vod: emulatorUrl } },
        {
          client,
          loadEngine: async () => counting,
        },
      );
      if (cycle % 10 === 0)
        await new Promise((resolve) =>
          playback.on('state', (state) => state === 'loading' && resolve(state)),
        );
      playback.destroy();
    }
    expect(live).toBe(0);
    expect(listeners).toBe(0);
    expect(video.getAttribute('src')).toBeNull();
  });
});

describe('video.js and AES-128 keys', () => {
  const keysAndSegments = async (videojsOptions?: object) => {
    const { privateToken } = await control.mintToken('viPrivateFmp4');
    const { video } = play('viPrivateFmp4', privateToken, 'video.js', { videojsOptions });
    await playedPast(video, 2.5);
    const log = await deliveryLog('viPrivateFmp4');
    expect(log.filter((entry) => entry.kind !== 'session' && !entry.avh)).toEqual([]);
    const count = (kind: string) => log.filter((entry) => entry.kind === kind).length;
    return { keys: count('key'), segments: count('segment') };
  };

  it("asks for the key once per segment loader (the video's, the alternate audio's), not with every segment", async () => {
    const { keys, segments } = await keysAndSegments();
    expect(segments).toBeGreaterThan(2);
    expect(keys).toBe(2);
  });

  // An app's `vhs` replaced ours, and with it `overrideNative`: Safari then played the stream itself, whose
  // requests nobody signs (the unit tests pin the merge; Safari is not among the browsers here).
  it("still plays through VHS with the app's own VHS options, signing every request, as they say", async () => {
    const { keys, segments } = await keysAndSegments({ html5: { vhs: { cacheEncryptionKeys: false } } });
    expect(segments).toBeGreaterThan(2);
    expect(keys).toBeGreaterThan(2); // VHS's own way: the key again with every segment
  });
});
