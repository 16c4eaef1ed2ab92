import type { EmulatorControl, LogEntry } from '@private-video/emulator/control';
import { playedPast } from '@private-video/test-utils/media';
import { createPrivatePlayback, type PrivatePlayback } from '../../src/playback/PrivatePlayback.js';
import type { PlaybackState } from '../../src/playback/types.js';
import { SessionClient } from '../../src/session/SessionClient.js';
import { type ChaosScenario, holdsAnAsset } from './chaosScenario.js';

/** Where a scenario plays: the emulators, and a muted `<video>` in the page. */
export interface ChaosEnvironment {
  control: EmulatorControl;
  emulatorUrl: string;
  /** The emulator that signs child URIs (`manifestSigning`), for native HLS; only native scenarios need it. */
  signing?: { control: EmulatorControl; url: string } | undefined;
  createVideo: () => HTMLVideoElement;
}

/**
 * Long enough that any playable scenario has played or failed (a hang costs 2 s, a session check 1.5 s); 15 s
 * more with an asset's answer held, which the engines give up on after their `answerTimeout` (3 s here: hls.js,
 * video.js, native HLS before it loaded) or 9 s without data (an mp4: the browser's own stall detection).
 */
export function outcomeTimeout(scenario: ChaosScenario): number {
  return holdsAnAsset(scenario) ? 35_000 : 20_000;
}
/** Requests sent before `destroy()` may still be on their way to the emulator (same machine) for this long. */
const inFlight = 100;
/** After that: longer than hls.js's first retry (500 ms) and the session retry's backoff. */
const quietAfterDestroy = 800;

export type Outcome =
  | { kind: 'playing'; at: number }
  | { kind: 'error'; error: unknown }
  | { kind: 'stuck'; state: PlaybackState; since: number };

export interface ChaosRun {
  scenario: ChaosScenario;
  outcome: Outcome;
  states: { state: PlaybackState; at: number }[];
  errors: unknown[];
  pageErrors: unknown[];
  sessionTokens: Set<string>;
  minted: Set<string>;
  /** Milliseconds from the start to the outcome. */
  elapsed: number;
  /** Every request of the video, as logged once the quiet time after `destroy()` was over. */
  log: LogEntry[];
  /** Requests that reached the emulator after `destroy()` (counted on arrival by a pass-through fault). */
  arrivedAfterDestroy: number;
  /** Log entries written after `destroy()` (delayed or hung requests sent before it included). */
  loggedAfterDestroy: LogEntry[];
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Plays one scenario to its outcome, destroys it, and watches for silence after. */
export async function runChaosScenario(
  scenario: ChaosScenario,
  environment: ChaosEnvironment,
): Promise<ChaosRun> {
  const native = scenario.engine === 'native';
  if (native && environment.signing === undefined) throw new Error('Native HLS needs the signing emulator');
  const emulator = native ? environment.signing!.control : environment.control;
  const origin = native ? environment.signing!.url : environment.emulatorUrl;
  const { videoId } = scenario;
  await emulator.reset();
  const pageErrors: unknown[] = [];
  const onError = (event: ErrorEvent) => pageErrors.push(event.error ?? event.message);
  const onRejection = (event: PromiseRejectionEvent) => pageErrors.push(event.reason);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  let playback: PrivatePlayback | undefined;
  const video = environment.createVideo();
  try {
    const policy = scenario.sessionTtl === undefined ? undefined : { sessionTtl: scenario.sessionTtl };
    const minted = new Set<string>();
    const mint = async () => {
      const { privateToken } = await emulator.mintToken(videoId, policy);
      minted.add(privateToken);
      return privateToken;
    };
    const privateToken = await mint();
    // First, so it sees every request of the video as it arrives: a pass-through counter.
    const { id: counterId } = await emulator.addFault({ match: { videoId }, delayMs: 0 });
    for (const fault of scenario.faults)
      await emulator.addFault({ ...fault, match: { ...fault.match, videoId } });
    const getPrivateToken =
      scenario.renewal === 'mint'
        ? mint
        : scenario.renewal === 'throws'
          ? async () => {
              throw new Error('token backend down');
            }
          : undefined;
    const client = new SessionClient({
      storage: null,
      domains: { vod: origin },
      timeout: 2_000,
      ...(scenario.clientKnowsTtl && scenario.sessionTtl ? { sessionTtl: scenario.sessionTtl * 1000 } : {}),
    });
    video.playbackRate = 2; // half the wall time; the controller keeps the rate across its source changes
    const started = performance.now();
    const states: ChaosRun['states'] = [];
    const errors: unknown[] = [];
    const sessionTokens = new Set<string>();
    playback = createPrivatePlayback(
      video,
      { videoId, privateToken, domains: { vod: origin } },
      {
        client,
        engine: scenario.engine,
        nativeHls: native,
        autoPlay: true,
        startTime: scenario.startTime || undefined,
        getPrivateToken,
        sessionCheckTimeout: 1_500,
        // Short, as the session's time limits above: a held answer costs the soak 3 s rather than 10 s.
        answerTimeout: 3_000,
        hlsConfig: { maxBufferLength: 2, maxMaxBufferLength: 2 },
      },
    );
    const current = playback;
    current.session.subscribe((state) => {
      if (state.session) sessionTokens.add(state.session.token);
    });
    current.on('state', (state) => states.push({ state, at: Math.round(performance.now() - started) }));
    let expiring: Promise<unknown> = Promise.resolve();
    if (scenario.expireAt !== undefined) {
      void playedPast(video, scenario.expireAt).then(() => {
        if (current.getState() !== 'error') expiring = emulator.expireSessions({ videoId });
      });
    }
    const outcome = await new Promise<Outcome>((resolve) => {
      const timer = setTimeout(() => {
        const last = states.at(-1);
        resolve({ kind: 'stuck', state: current.getState(), since: last?.at ?? 0 });
      }, outcomeTimeout(scenario));
      const settle = (result: Outcome) => {
        clearTimeout(timer);
        resolve(result);
      };
      void playedPast(video, scenario.target).then((at) => settle({ kind: 'playing', at }));
      current.on('error', (error) => {
        errors.push(error);
        settle({ kind: 'error', error });
      });
    });
    const elapsed = Math.round(performance.now() - started);
    await expiring;
    const stateAtOutcome = current.getState();
    current.destroy();
    const arrived = async () =>
      (await emulator.faults()).find((fault) => fault.id === counterId)?.matched ?? Number.NaN;
    const lastSeq = (await emulator.log()).at(-1)?.seq ?? 0;
    // What was sent before `destroy()` (a request in flight, its answer read once it arrives) has reached the
    // emulator by then; from then on, whatever arrives was sent after.
    await wait(inFlight);
    const atDestroy = await arrived();
    await wait(quietAfterDestroy);
    const afterQuiet = await arrived();
    const log = (await emulator.log()).filter((entry) => entry.videoId === videoId);
    states.push({ state: stateAtOutcome, at: -1 }); // the state read at the outcome, for the checks
    return {
      scenario,
      outcome,
      states,
      errors,
      pageErrors,
      sessionTokens,
      minted,
      elapsed,
      log,
      arrivedAfterDestroy: afterQuiet - atDestroy,
      loggedAfterDestroy: log.filter((entry) => entry.seq > lastSeq),
    };
  } finally {
    playback?.destroy();
    video.remove();
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  }
}
