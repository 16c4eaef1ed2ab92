/**
 * A seeded chaos soak: real hls.js, video.js and Chromium's native HLS playing real media from the emulator
 * under random faults (statuses, delays, hangs, transfers cut short, limits, sessions expired mid-play),
 * checking invariants that must hold whatever the faults. Each scenario is named by its seed:
 * `vitest run --project core:browser chaos -t "seed 1234567"` replays it (the fault choice depends on the seed
 * only).
 */
import { createEmulatorControl } from '@private-video/emulator/control';
import videojs from 'video.js';
import { describe, expect, inject, it } from 'vitest';
import { shortVhsBuffers } from '../../../scripts/vitest/shortVhsBuffers';
import { createPrivatePlayback, type PrivatePlayback } from '../src/playback/PrivatePlayback.js';
import { SessionClient } from '../src/session/SessionClient.js';
import {
  cleanUpEachTest,
  control,
  createVideo,
  emulatorUrl,
  keep,
  once,
  playedPast,
} from './browserHelpers.js';
import { chaosPlanFrom, chaosScenarios, describeScenario } from './chaos/chaosScenario.js';
import { checkInvariants, reportRun } from './chaos/checkInvariants.js';
import { type ChaosEnvironment, outcomeTimeout, runChaosScenario } from './chaos/runChaosScenario.js';

shortVhsBuffers(videojs);
cleanUpEachTest();

/** Native HLS needs the delivery to sign child URIs: the emulator with `manifestSigning` (globalSetup). */
const signingUrl = inject('signingEmulatorUrl');
const signing = createEmulatorControl(signingUrl);

// ---------------------------------------------------------------------------------------------------------
// The soak

/**
 * Each test name carries its own seed, which replays it alone (`-t "seed 1234"`). To explore other
 * scenarios: `VITE_CHAOS_BASE_SEED=7 VITE_CHAOS_COUNT=20 vitest run --project core:browser chaos`;
 * `VITE_CHAOS_VERBOSE=1` prints every scenario's outcome, states and log; `VITE_CHAOS_SEEDS=12,34`
 * replays seeds found with another base seed, with every engine and flavour.
 */
const env = (import.meta as unknown as { env?: Record<string, string | undefined> }).env ?? {};
const scenarios = chaosScenarios(
  chaosPlanFrom(env, [
    { engine: 'hls.js', flavour: 'ts' },
    { engine: 'hls.js', flavour: 'fmp4' },
    { engine: 'video.js', flavour: 'ts' },
    { engine: 'video.js', flavour: 'fmp4' },
    { engine: 'native', flavour: 'ts' },
  ]),
);
const environment: ChaosEnvironment = {
  control,
  emulatorUrl,
  signing: { control: signing, url: signingUrl },
  createVideo: () => createVideo().video,
};

describe('chaos soak', () => {
  for (const scenario of scenarios) {
    it(describeScenario(scenario), { timeout: outcomeTimeout(scenario) + 20_000 }, async () => {
      const result = await runChaosScenario(scenario, environment);
      const problems = checkInvariants(result);
      if (env.VITE_CHAOS_VERBOSE) console.log(reportRun(result));
      expect(problems, reportRun(result)).toEqual([]);
    });
  }
});

// ---------------------------------------------------------------------------------------------------------
// Bugs the soak found, each reduced to its smallest scenario: they failed before their fix. Should the soak
// find another, reduce it here, and leave its trigger out of the soak (after the draw, so the other choices
// of a seed stay the same) until it is fixed.

/** Resolves with what happened first: played past `seconds`, a final error, or nothing within `ms`. */
function firstOf(playback: PrivatePlayback, video: HTMLVideoElement, seconds: number, ms: number) {
  return new Promise<string>((resolve) => {
    const timer = setTimeout(
      () => resolve(`nothing within ${ms} ms: state ${playback.getState()}, paused ${video.paused}`),
      ms,
    );
    void playedPast(video, seconds).then(() => {
      clearTimeout(timer);
      resolve('played');
    });
    playback.on('error', (error) => {
      clearTimeout(timer);
      resolve(`error ${error.code}`);
    });
  });
}

describe('regressions found by the chaos soak', () => {
  // Soak seed 1501774612 (native/ts, a segment answering 503). Chromium pauses the element when its media
  // fails (`paused` is already true in the `error` event, `pause` follows); the fallback then reads the
  // viewer's play state from the element and loads the mp4 paused, for good.
  it('native HLS: the mp4 of a fallback after a segment failed mid-play plays on', async () => {
    await signing.reset();
    const { privateToken } = await signing.mintToken('viPrivateTs');
    await signing.addFault({ match: { videoId: 'viPrivateTs', path: 'seg_002' }, status: 503 });
    const { video } = createVideo();
    const playback = keep(
      createPrivatePlayback(
        video,
        { videoId: 'viPrivateTs', privateToken, domains: { vod: signingUrl } },
        {
          client: new SessionClient({ storage: null }),
          engine: 'native',
          nativeHls: true,
          autoPlay: true,
        },
      ),
    );
    const fallback = new Promise<{ position: number }>((resolve) => playback.on('fallback', resolve));
    await once(video, 'playing');
    const { position } = await fallback;
    expect(playback.getSource()).toBe('mp4');
    expect(await firstOf(playback, video, position + 0.5, 5_000)).toBe('played');
  });

  // The same cause on the renewal path (found by the soak with hls.js: a fallback mp4 refused on a dead
  // session). Mid-play the session dies, the mp4's next range request is refused, the session check finds the
  // session dead, the renewal succeeds, and the resume reloads the mp4 paused, for good.
  it('an mp4 refused on a dead session mid-play plays on after the renewal', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    const getPrivateToken = async () => (await control.mintToken('viPrivateTs')).privateToken;
    // The first answer is cut off halfway (enough to play), so Chromium asks for the rest: that request is
    // held until the video plays. (Chromium does not always ask for a second range by itself, and one asked
    // before the video played would be refused before it played.)
    await control.addFault({
      match: { videoId: 'viPrivateTs', kind: 'mp4' },
      cutAfterBytes: 400_000,
      count: 1,
    });
    await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'mp4' }, hang: true, count: 1 });
    const { video } = createVideo();
    const playback = keep(
      createPrivatePlayback(
        video,
        { videoId: 'viPrivateTs', privateToken, domains: { vod: emulatorUrl } },
        {
          client: new SessionClient({ storage: null, domains: { vod: emulatorUrl } }),
          engine: 'native',
          autoPlay: true,
          getPrivateToken,
        },
      ),
    );
    const renewed = new Promise((resolve) => playback.on('sessionrenewed', resolve));
    await once(video, 'playing');
    // The reset forgets every session (this one is dead: its requests and its session check get 404) and
    // drops the held request: Chromium asks for the rest again, and is refused.
    await control.reset();
    await renewed;
    expect(await firstOf(playback, video, 1, 5_000)).toBe('played');
  });

  // VHS may give up on a failure without a word, and the engine's "3 failures in a row of one asset" never
  // came: no request, no `error`, no fallback, for good. Seed 837945662 (video.js/fmp4, segments answering
  // 503): VHS does not retry a failed segment of the default audio rendition, it excludes the video
  // rendition instead and never restarts the audio loader (stuck in 'loading'). Seeds 1500560581 and
  // 1458616533 (VITE_CHAOS_BASE_SEED=777): one failure (503, 404; TS or fMP4) of the higher rendition's
  // playlist as VHS switches up, and it never asks for anything again (frozen where its buffer ends). Seed
  // 1033646267 (VITE_CHAOS_BASE_SEED=9001, video.js/fmp4): the first two init segments got no answer (their
  // connections dropped: status 0, which the engine left to VHS), and VHS never asked for them again.
  const failed = { status: 503, count: 1 };
  const noAnswer = { cutAfterBytes: 0, count: 2 };
  it.each([
    ['one failed audio segment of the fMP4 stream', 'viPrivateFmp4', '/audio/seg_000', failed, 1],
    ['one failed variant playlist at a rendition switch', 'viPrivateTs', '/v0/index.m3u8', failed, 6],
    [
      'the first init segments of the fMP4 stream, which got no answer',
      'viPrivateFmp4',
      '/init_',
      noAnswer,
      1,
    ],
  ])('video.js: %s does not stall it for good', async (_name, videoId, path, fault, seconds) => {
    const { privateToken } = await control.mintToken(videoId);
    await control.addFault({ match: { videoId, path }, ...fault });
    const { video } = createVideo();
    const playback = keep(
      createPrivatePlayback(
        video,
        { videoId, privateToken, domains: { vod: emulatorUrl } },
        { client: new SessionClient({ storage: null }), engine: 'video.js', autoPlay: true },
      ),
    );
    // Played (VHS went on once told to), or fell back and played the mp4: either way, not stuck.
    expect(await firstOf(playback, video, seconds, 15_000)).toBe('played');
  });
});

describe('emulator regressions found by the chaos soak', () => {
  // Found while reducing seed 837945662: a key answering 410 once was seen failing 3 times by video.js,
  // with one request in the log. Fault answers carry no Cache-Control, and Chromium keeps a 410 (like a
  // 301) fresh for good: later requests of that URL never reach the emulator, so `count` and `after`
  // do not hold, and the log misses them.
  it('a 410 fault with count 1 is not answered from the browser cache afterwards', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    const session = await fetch(`${emulatorUrl}/vod/viPrivateTs/token/${privateToken}/session`).then(
      (response) => response.json() as Promise<{ session_token: string }>,
    );
    await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'thumbnail' }, status: 410, count: 1 });
    const url = `${emulatorUrl}/vod/viPrivateTs/token/${privateToken}/thumbnail.jpg?avh=${session.session_token}`;
    const statuses = [(await fetch(url)).status, (await fetch(url)).status];
    const logged = (await control.log()).filter((entry) => entry.kind === 'thumbnail');
    expect({ statuses, logged: logged.length }).toEqual({ statuses: [410, 200], logged: 2 });
  });
});
