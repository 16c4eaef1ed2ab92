// Runs in Firefox and WebKit (no Playwright driver works with Debian's builds of them): plays private videos
// against the emulator, then posts what happened to the Node test, which asserts on it and on the emulator's log.
import { createEmulatorControl } from '@private-video/emulator/control';
// Its media waits only: the package's index brings Vitest, which has no place in a plain page.
import { playedPast } from '@private-video/test-utils/media';
import videojs from 'video.js';
import { playsHls, postProgress, postReport, withinDeadline } from '../../../../scripts/vitest/reportingPage';
import { createPrivatePlayback, type PrivatePlayback, SessionClient } from '../../src/index.js';
import type { PlaybackEngineName, PrivatePlaybackOptions } from '../../src/playback/types.js';
import type { PageReport, ScenarioOutcome } from './scenarioOutcome.js';

const emulatorUrl = new URLSearchParams(location.search).get('emulator') ?? '';
const control = createEmulatorControl(emulatorUrl);
/** A scenario that has not reached its goal by then has failed (a deadline, not a wait). */
const deadline = 20_000;

const pageErrors: string[] = [];
addEventListener('error', (event) => pageErrors.push(String(event.error ?? event.message)));
addEventListener('unhandledrejection', (event) => pageErrors.push(`unhandled: ${event.reason}`));

// VHS buffers 2 s ahead instead of 30 s (the whole clip): requests keep coming, so an expired session is
// met mid-play, as in the Chromium tests.
Object.assign((videojs as unknown as { Vhs: object }).Vhs, {
  GOAL_BUFFER_LENGTH: 2,
  MAX_GOAL_BUFFER_LENGTH: 2,
});

interface Player {
  video: HTMLVideoElement;
  playback: PrivatePlayback;
}

/**
 * The player's options, and how many of its private tokens (the first, then those its `getPrivateToken` gives)
 * the page spends before the player uses them.
 */
type PlayOptions = PrivatePlaybackOptions & { spentTokens?: number };

/** What a scenario does with its player; it resolves once the goal it names is reached. */
type Scenario = (play: (options?: PlayOptions) => Promise<Player>) => Promise<void>;

const scenarios: Array<[name: string, videoId: string, engine: PlaybackEngineName, Scenario]> = [];
for (const engine of ['hls.js', 'video.js'] as const) {
  // Where the engine's HLS does not play even without this library, only its fallback to the mp4 runs.
  const hls = playsHls(engine) ? scenarios : [];
  for (const videoId of ['viPrivateTs', 'viPrivateFmp4']) {
    hls.push([`${engine} plays ${videoId}`, videoId, engine, playsPast(1.5)]);
  }
  hls.push([
    `${engine} renews a session that expires mid-play and plays on`,
    'viPrivateFmp4',
    engine,
    async (play) => {
      const { video, playback } = await play({ hlsConfig: { maxBufferLength: 2, maxMaxBufferLength: 2 } });
      await playedPast(video, 1.5);
      const renewal = new Promise((resolve) => playback.on('sessionrenewed', resolve));
      await control.expireSessions({ videoId: 'viPrivateFmp4' });
      await renewal;
      await playedPast(video, video.currentTime + 2);
    },
  ]);
  scenarios.push([
    `${engine} falls back to the mp4 when the manifest fails`,
    'viPrivateTs',
    engine,
    async (play) => {
      await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'manifest' }, status: 500 });
      const { video, playback } = await play();
      await new Promise((resolve) => playback.on('fallback', resolve));
      await playedPast(video, 1);
    },
  ]);
  // About 3 s into the 12 s clip: WebKit waits there for good, without an error (as in the native scenarios).
  scenarios.push([
    `${engine} falls back to an mp4 that is cut short mid-play, and plays on`,
    'viPrivateTs',
    engine,
    async (play) => {
      await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'manifest' }, status: 500 });
      await control.addFault({
        match: { videoId: 'viPrivateTs', kind: 'mp4' },
        cutAfterBytes: 200_000,
        count: 1,
      });
      await playsPast(8)(play);
    },
  ]);
}
scenarios.push(['native plays the mp4', 'viPrivateTs', 'native', playsPast(1.5)]);
// The mp4's first answer fails: cut short before the metadata, or mid-play (about 3 s into the 12 s clip; WebKit
// then waits for good, without an error), or never given.
for (const [how, fault, seconds] of [
  ['was cut short', { cutAfterBytes: 1_000, count: 1 }, 1.5],
  ['was cut short mid-play', { cutAfterBytes: 200_000, count: 1 }, 8],
  ['never came', { hang: true, count: 1 }, 1.5],
] as const) {
  scenarios.push([
    `native plays an mp4 whose first answer ${how}`,
    'viPrivateTs',
    'native',
    async (play) => {
      await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'mp4' }, ...fault });
      await playsPast(seconds)(play);
    },
  ]);
}
scenarios.push([
  'native fails with a media error when the mp4 never answers',
  'viPrivateTs',
  'native',
  async (play) => {
    await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'mp4' }, hang: true });
    const { playback } = await play();
    await new Promise((resolve) => playback.on('error', resolve));
  },
]);
scenarios.push([
  'a spent private token fails as token-used',
  'viPrivateTs',
  'hls.js',
  async (play) => {
    // Its replacement (the one renewal a spent token gets at once) is spent too.
    const { playback } = await play({ spentTokens: 2 });
    await new Promise((resolve) => playback.on('error', resolve));
  },
]);

function playsPast(seconds: number): Scenario {
  return async (play) => {
    const { video } = await play();
    await playedPast(video, seconds);
  };
}

async function run([name, videoId, engine, scenario]: (typeof scenarios)[number]): Promise<ScenarioOutcome> {
  await postProgress(name);
  await control.reset();
  const tokens: string[] = [];
  const events: string[] = [];
  let player: Player | undefined;
  let code: string | undefined;
  const play = async ({ spentTokens = 0, ...playbackOptions }: PlayOptions = {}) => {
    /** The next private token: one the page spent first, while `spentTokens` last. */
    const mint = async () => {
      const minted = await control.mintToken(videoId);
      if (tokens.length < spentTokens) await fetch(minted.urls.session, { cache: 'no-store' });
      tokens.push(minted.privateToken);
      return minted;
    };
    const minted = await mint();
    const video = document.createElement('video');
    video.muted = true;
    document.body.append(video);
    const playback = createPrivatePlayback(
      video,
      { videoId, privateToken: minted.privateToken, domains: { vod: emulatorUrl } },
      {
        client: new SessionClient({ storage: null }),
        engine,
        autoPlay: true,
        getPrivateToken: async () => (await mint()).privateToken,
        ...playbackOptions,
      },
    );
    playback.on('fallback', () => events.push('fallback'));
    playback.on('sessionrenewed', () => events.push('sessionrenewed'));
    playback.on('error', (failure) => {
      events.push('error');
      code = failure.code;
    });
    player = { video, playback };
    return player;
  };
  const error = await withinDeadline(scenario(play), deadline);
  const reached = error === undefined;
  const state = player?.playback.getState() ?? 'none';
  const source = player?.playback.getSource();
  const currentTime = player?.video.currentTime ?? 0;
  player?.playback.destroy();
  player?.video.remove();
  const requests = (await control.log())
    .filter((entry) => entry.kind !== 'api' && tokens.includes(entry.privateToken ?? ''))
    .map(({ kind, status, avh, privateToken, rule }) => ({ kind, status, avh, privateToken, rule }));
  return { name, reached, error, state, source, code, events, currentTime, tokens, requests };
}

const outcomes: ScenarioOutcome[] = [];
try {
  for (const scenario of scenarios) outcomes.push(await run(scenario));
} catch (error) {
  pageErrors.push(`the page stopped: ${error}`); // the report still goes, rather than a timeout
}
const report: PageReport = { userAgent: navigator.userAgent, outcomes, pageErrors };
await postReport(report);
