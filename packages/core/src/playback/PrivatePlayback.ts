import { authStatuses } from '../engines/authStatuses.js';
import type { PlayState } from '../engines/restoreOnLoad.js';
import { PrivateVideoError, toPrivateVideoError } from '../errors/PrivateVideoError.js';
import { toShown } from '../errors/toShown.js';
import { getDefaultClient } from '../session/defaultClient.js';
import { VideoSession } from '../session/VideoSession.js';
import { adoptServerSession } from '../snapshot/adoptServerSession.js';
import { toHlsUrl, toMp4Url } from '../source/assetUrls.js';
import type { VideoSource } from '../source/VideoRef.js';
import { checkSessionWithin } from './checkSessionWithin.js';
import { downloadEngine } from './downloadEngine.js';
import { Emitter, report } from './Emitter.js';
import { listen } from './listen.js';
import type { EngineHooks, EngineModule, PlaybackEngine } from './PlaybackEngine.js';
import { RefusalRenewal } from './RefusalRenewal.js';
import { SessionKeeper } from './SessionKeeper.js';
import type {
  PlaybackEngineName,
  PlaybackState,
  PrivatePlaybackEvents,
  PrivatePlaybackOptions,
  ViewerState,
} from './types.js';
import { ViewerTracker } from './ViewerTracker.js';
import { waitForDelivery } from './waitForDelivery.js';

const engineNames: unknown[] = ['hls.js', 'video.js', 'native'] satisfies PlaybackEngineName[];

/**
 * Plays one private video in one `<video>`: opens or reuses the session, attaches the engine, renews the
 * session without a reload, and falls back from HLS to the mp4 at the same position. Everything it sets
 * up, `destroy()` tears down; events from an engine it replaced are ignored.
 */
export class PrivatePlayback {
  readonly video: HTMLVideoElement;
  readonly session: VideoSession;
  readonly #options: PrivatePlaybackOptions;
  readonly #events = new Emitter<PrivatePlaybackEvents>();
  readonly #cleanups: (() => void)[] = [];
  #state: PlaybackState = 'idle';
  #engine: PlaybackEngine | undefined;
  #generation = 0;
  #playing: 'hls' | 'mp4' | undefined;
  #fellBack = false;
  #destroyed = false;
  /** While a failure is being told: its listeners all hear it, even if one of them destroys the player. */
  #failing = false;
  /** What the viewer had when playback failed: the failure's teardown resets the element. */
  #failedWith: ViewerState | undefined;
  readonly #viewer: ViewerTracker;
  readonly #keeper: SessionKeeper;
  readonly #refusals: RefusalRenewal;
  /**
   * Whether the session was renewed (here or by another user of it) since the engine last resumed for a fatal
   * failure: a refusal's own resume leaves it set, as failures of requests made on the old session may follow.
   */
  #renewedSinceResume = false;
  /**
   * Whether the mp4 was loaded again once after failing before any of it loaded (see `#onFatal`), since it last
   * loaded: a load that played earns a later load (a renewal's, a stall's) its own second chance.
   */
  #mp4Retried = false;
  /** Resumes so far: a failure reported before one (and checked meanwhile) is that resume's to answer. */
  #resumes = 0;
  /** Aborts the wait for a dropped connection under way (see `waitForDelivery`). */
  #reconnecting: AbortController | undefined;
  /** What the engine says the viewer had, while a renewal for its failure runs: the failure's, if it fails. */
  #renewingFor: PlayState | undefined;

  constructor(
    video: HTMLVideoElement,
    source: VideoSource | VideoSession,
    options: PrivatePlaybackOptions = {},
  ) {
    this.video = video;
    const { viewer } = options;
    // Copied with its accessors, not spread: an option may be a getter read when it is needed (React's player
    // gives `getPrivateToken` so, the latest render's), and a retry's player must read it then too.
    this.#options = viewer
      ? Object.defineProperties(
          {},
          {
            ...Object.getOwnPropertyDescriptors(options),
            startTime: { value: viewer.position || options.startTime, enumerable: true },
            autoPlay: { value: viewer.playing ?? options.autoPlay, enumerable: true },
          },
        )
      : options;
    this.#viewer = new ViewerTracker(video, this.#options.autoPlay === true, () => this.getPosition());
    if (viewer) this.#viewer.restoreSoundAndRate(viewer);
    // A `VideoSession` is played as it is, whichever client owns it: asking another client for the same
    // video would make that client open a second session with the already spent token.
    this.session =
      source instanceof VideoSession ? source : (options.client ?? getDefaultClient()).video(source);
    // Unless the session has its own by now: a player created again with the options of the first must not
    // undo that one's renewal (and spend a token on the dead server session's refusal).
    if (options.session) adoptServerSession(this.session, options.session);
    // Nor once failed: a timer of the app's that `stop()` could not clear must not renew for a failed player.
    this.#keeper = new SessionKeeper(
      this.session,
      video,
      this.#options,
      () => !this.#destroyed && this.#state !== 'error',
    );
    this.#refusals = new RefusalRenewal(
      video,
      (refusedUrl, signal) =>
        checkSessionWithin(this.session, refusedUrl, {
          ...this.#options, // its fetch, sessionCheckTimeout and timers
          sign: (url) => this.#keeper.sign(url),
          signal,
        }),
      () => this.#renew(),
    );
    // Start after the caller had a chance to subscribe to the first state change.
    queueMicrotask(() => this.#handle(this.#start()));
  }

  getState(): PlaybackState {
    return this.#state;
  }

  /** What plays now: the HLS stream, the mp4, or nothing yet. */
  getSource(): 'hls' | 'mp4' | undefined {
    return this.#playing;
  }

  /**
   * Where the viewer is: the video's time, or where it was when playback failed (failing tears the engine
   * down, which resets the element), so a retry can start there. Before a source has loaded, where it is to
   * start (`startTime`, the fallback's position, where an engine's own reload of it puts the viewer back): the
   * element's time is the reset of its load() then.
   */
  getPosition(): number {
    return (
      this.#failedWith?.position ??
      this.#viewer.restoring?.position ??
      this.#engine?.viewer?.()?.position ??
      (this.#playing ? this.video.currentTime : (this.#options.startTime ?? 0))
    );
  }

  /**
   * What the viewer has (position, play state, rate, sound), or had when playback failed, so a retry can
   * give it back: a new player starts paused, and with video.js on a new `<video>` at the default sound.
   * While a source loads, the position and rate are what it restores (see `getPosition()`).
   */
  getViewerState(): ViewerState {
    return this.#failedWith ?? this.#viewer.read(this.#engine?.viewer?.());
  }

  on<TType extends keyof PrivatePlaybackEvents>(
    type: TType,
    listener: (event: PrivatePlaybackEvents[TType]) => void,
  ): () => void {
    return this.#events.on(type, listener);
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#release();
    if (!this.#failing) this.#events.clear(); // else `#fail` clears them once it has told them
  }

  /**
   * Stops all it set up (engine, timers, listeners, session checks): at `destroy()`, and on a failure,
   * which is final (a retry is a new controller), so a failed player renews nothing and hears nothing.
   * Every step runs whatever another throws (video.js's `dispose` may): what one throws is reported, as a
   * listener's exception is, and stops neither the teardown nor the caller (`destroy()`, the failure).
   */
  #release(): void {
    this.#generation += 1;
    const engine = this.#engine;
    this.#engine = undefined;
    const steps = [
      () => engine?.destroy(),
      () => this.#keeper.stop(),
      () => this.#viewer.stop(),
      () => this.#refusals.stop(),
      ...this.#cleanups.splice(0),
    ];
    for (const step of steps) {
      try {
        step?.();
      } catch (error) {
        report(error);
      }
    }
  }

  async #start(): Promise<void> {
    if (this.#destroyed) return;
    // Not for a public video, nor a session that lives already (the server's, a thumbnail's): an app's
    // "Connecting…" would flash for nothing.
    const { status, session } = this.session.getState();
    if (status !== 'public' && (session === undefined || this.session.isExpiring()))
      this.#setState('opening-session');
    // Its listener may have destroyed it: a private token is single-use, never spend one for nothing.
    if (this.#destroyed) return;
    const { engine: name = 'hls.js', getPrivateToken } = this.#options;
    // Before any token is spent. (An unknown name would otherwise get the browser's own player, which plays
    // HLS unsigned past its manifest.)
    if (!engineNames.includes(name)) {
      throw new PrivateVideoError(
        'unsupported',
        `Unknown engine ${toShown(name)}: expected "hls.js", "video.js" or "native".`,
      );
    }
    const streaming = name !== 'native' || this.#options.nativeHls === true;
    // The engine downloads while the session opens: a player waits for the slower of the two, not both.
    // Unless the session already failed for good (e.g. its thumbnail found the token spent): then the
    // open fails at once, and the engine would be downloaded for nothing. This player's `getPrivateToken`
    // may get past what a thumbnail could not (an expired session, a lost token).
    const early =
      streaming && this.session.canOpen(getPrivateToken)
        ? downloadEngine(name, this.#options.loadEngine)
        : undefined;
    early?.catch(() => {}); // reported below, once the session is open
    try {
      await this.session.open({ getPrivateToken });
    } catch (error) {
      this.#fail(error);
      return;
    }
    if (this.#destroyed) return;
    const engineLoad = streaming ? (early ?? downloadEngine(name, this.#options.loadEngine)) : undefined;
    this.#keeper.watch((event) => {
      // What fails next may have been refused on the old session, which a check cannot tell once the new
      // one answers.
      this.#renewedSinceResume = true;
      this.#events.emit('sessionrenewed', event);
    });
    this.#watchMedia();
    this.#setState('loading');
    const { ref } = this.session;
    const mp4 = toMp4Url(ref);
    try {
      if (engineLoad === undefined) {
        if (mp4 === undefined)
          throw unsupported('a live stream needs HLS: use hls.js, video.js or nativeHls');
        await this.#attach('native', 'mp4', mp4);
        return;
      }
      const module = await engineLoad;
      if (this.#destroyed) return;
      if (module.isSupported()) {
        await this.#attach(name, 'hls', toHlsUrl(ref), module);
      } else if (mp4 !== undefined) {
        // No MSE here (and native HLS cannot be signed): the mp4 is the way to play.
        await this.#attach('native', 'mp4', mp4);
      } else {
        throw unsupported('this browser has no Media Source Extensions for the live stream');
      }
    } catch (error) {
      this.#fail(error);
    }
  }

  async #attach(
    name: PlaybackEngineName,
    kind: 'hls' | 'mp4',
    url: string,
    module?: EngineModule,
  ): Promise<void> {
    const engineModule = module ?? (await downloadEngine(name, this.#options.loadEngine));
    if (this.#destroyed) return;
    const generation = ++this.#generation;
    const alive = () => !this.#destroyed && generation === this.#generation;
    // Read before the engine sets its source, whose load() resets it (hls.js and the browser do so at once).
    const rate = this.video.playbackRate;
    const hooks: EngineHooks = {
      sign: (requestUrl) => this.#keeper.sign(requestUrl),
      playing: () => this.#viewer.isPlaying(),
      waiting: () => this.#viewer.wantsPlay() && this.video.readyState < 3,
      onAssetRefused: (_status, requestUrl) => {
        if (alive()) this.#handle(this.#onAssetRefused(requestUrl));
      },
      onFatal: (error, status, viewer) => {
        if (alive()) this.#handle(this.#onFatal(error, status, viewer));
      },
    };
    this.#engine = engineModule.createEngine({
      video: this.video,
      hooks,
      startPosition: this.#options.startTime,
      hlsConfig: this.#options.hlsConfig,
      videojsOptions: this.#options.videojsOptions,
      answerTimeout: this.#options.answerTimeout,
      setTimeout: this.#options.setTimeout,
      clearTimeout: this.#options.clearTimeout,
      renewing: () => this.#refusals.busy(),
      renewingSession: () => this.#refusals.renewing(),
    });
    this.#events.emit('engine', { name: this.#engine.name, instance: this.#engine.instance });
    // A listener may have ended the playback (or replaced the engine).
    if (!alive()) return;
    // A page whose Content-Security-Policy blocks `blob:` (a media source's URL, VHS's worker) leaves the engine
    // waiting for good, with no error of its own: the mp4 needs neither.
    const onViolation = ({ blockedURI, effectiveDirective }: SecurityPolicyViolationEvent) => {
      if (this.#playing === 'hls' && blockedURI === 'blob' && /^(media|worker)-src/.test(effectiveDirective))
        hooks.onFatal(
          new PrivateVideoError(
            'unsupported',
            `The page's Content-Security-Policy blocks blob: in ${effectiveDirective}, which ${name} needs.`,
          ),
        );
    };
    globalThis.document?.addEventListener('securitypolicyviolation', onViolation);
    this.#cleanups.push(() =>
      globalThis.document?.removeEventListener('securitypolicyviolation', onViolation),
    );
    this.#playing = kind;
    const signed = this.#keeper.sign(url);
    if (kind === 'hls') this.#engine.loadHls(signed);
    else this.#engine.loadMp4(signed);
    // A live stream's first source plays as soon as it loads (see `restoreOnLoad`).
    const { live } = this.session.ref;
    this.#viewer.seekOnLoad(this.#options.startTime ?? 0, this.#options.autoPlay === true, rate, live);
    this.#events.emit('source', kind);
  }

  /**
   * A refused asset: renew if the session itself is dead. A missing asset is the engine's business: hls.js
   * gives up after its retries, and the video.js engine after a few failures in a row (VHS never would).
   */
  async #onAssetRefused(url: string): Promise<void> {
    const engine = this.#engine;
    const playing = this.#playing;
    const check = await this.#refusals.check(url);
    if (check !== 'dead' || this.#replaced(engine, playing) || !this.#refusals.mayRenew()) return;
    // The engine may have given up on renditions refused with the dead session: tell it to go on. Not through
    // `#resume`: a request refused on the dead session may still fail fatally after this (VHS asks for a refused
    // manifest twice), and that failure must get its own resume rather than the mp4.
    if (await this.#refusals.renew(() => this.#replaced(engine, playing))) {
      this.#viewer.playOnIfAsked();
      engine?.resume(this.#resumeAt());
    }
  }

  /**
   * The engine gave up. A refusal, or any failure of what the browser plays itself (the mp4, native HLS:
   * it gives no status), may be a dead session: renew and resume. A request that got no answer, with a check
   * that gets none either, is the viewer's connection: wait for it (`reconnectTimeout`), then resume, or fail
   * as `network`, so the viewer is told to check it. Otherwise HLS falls back to the mp4, and a failing mp4 is
   * final.
   */
  async #onFatal(failure: PrivateVideoError, status: number | undefined, viewer?: PlayState): Promise<void> {
    const engine = this.#engine;
    const playing = this.#playing;
    const resumes = this.#resumes;
    const playedNatively = playing === 'mp4' || engine?.name === 'native';
    let error = failure;
    // No answer at all: a check tells a dropped connection (which the mp4 would meet too) from HLS's own failure.
    const unanswered = status === undefined && failure.code === 'network';
    if (playedNatively || unanswered || (status !== undefined && authStatuses.has(status))) {
      let check = await this.#refusals.check(failure.url ?? '');
      // A fallback (or a failure) decided while this waited has dealt with this error already; so has a resume
      // (the same failure reported twice, both waiting on one check): its own failures will come anew.
      if (this.#replaced(engine, playing) || resumes !== this.#resumes) return;
      if (check === 'unreachable' && status === undefined) {
        // The viewer's connection dropped: wait for it (what is buffered plays meanwhile), then go on where the
        // viewer is, rather than fail or fall back at once (for good: HLS's bitrates, its buffer). What else fails
        // meanwhile is the same outage, the wait's to answer. Back on a dead session, it renews below.
        if (this.#reconnecting) return;
        this.#reconnecting = new AbortController();
        this.#cleanups.push(() => this.#reconnecting?.abort());
        const { reconnectTimeout: timeout } = this.#options;
        check = await waitForDelivery(
          () => this.#refusals.check(failure.url ?? ''),
          timeout! >= 0 ? timeout! : 30_000,
          this.#options,
          this.#reconnecting.signal,
        );
        this.#reconnecting = undefined;
        if (this.#replaced(engine, playing) || resumes !== this.#resumes) return;
        if (check === 'alive') {
          this.#resume();
          return;
        }
        // Still no answer: the mp4 would not be reached either. The viewer is told to check their connection.
        if (check === 'unreachable') {
          this.#fail(unreachable(failure), viewer);
          return;
        }
      }
      if (check === 'dead' && this.#refusals.mayRenew()) {
        this.#renewingFor = viewer;
        const renewed = await this.#refusals.renew(() => this.#replaced(engine, playing));
        this.#renewingFor = undefined;
        if (renewed) this.#resume();
        return;
      }
      if (this.#renewedSinceResume) {
        // It failed on the old session and a renewal has finished since: one more try.
        this.#resume();
        return;
      }
      // An mp4 whose first answer was cut short (a dropped connection) fails before anything of it loaded,
      // as a file the browser cannot read does (Chromium: MediaError 4): one more load tells the two apart.
      // HLS has the fallback for that.
      if (playing === 'mp4' && this.video.readyState === 0 && !this.#mp4Retried) {
        this.#mp4Retried = true;
        this.#resume();
        return;
      }
      // A refusal (an answer, so not quite offline) whose check got none.
      if (check === 'unreachable') error = unreachable(failure);
    }
    if (playing === 'mp4') this.#fail(error, viewer);
    else this.#fallBack(error, viewer);
  }

  /** Whether what an engine event started is moot: destroyed, failed, or switched to the mp4 since. */
  #replaced(engine: PlaybackEngine | undefined, playing: 'hls' | 'mp4' | undefined): boolean {
    return this.#destroyed || engine !== this.#engine || playing !== this.#playing;
  }

  /** Work started by an engine event: whatever it throws becomes the typed `error`, never an unhandled rejection. */
  #handle(work: Promise<void>): void {
    work.catch((error: unknown) => this.#fail(error));
  }

  /** Where a resume carries on: where the viewer is, also while a reload of the engine's own holds a reset. */
  #resumeAt(): number {
    return this.#engine?.viewer?.()?.position ?? this.video.currentTime;
  }

  #resume(): void {
    this.#resumes += 1;
    this.#renewedSinceResume = false;
    this.#viewer.playOnIfAsked();
    this.#engine?.resume(this.#resumeAt());
  }

  #fallBack(reason: PrivateVideoError, viewer?: PlayState): void {
    const mp4 = toMp4Url(this.session.ref);
    if (this.#options.fallback === false || mp4 === undefined || this.#engine === undefined) {
      this.#fail(reason, viewer);
      return;
    }
    // A new source resets them: read first.
    const { position, playing: wasPlaying, rate } = this.#viewer.read(viewer);
    // The engine plays the mp4 itself (video.js keeps its UI); it has stopped its HLS work by then.
    this.#playing = 'mp4';
    this.#fellBack = true;
    this.#engine.loadMp4(this.#keeper.sign(mp4));
    this.#viewer.seekOnLoad(position, wasPlaying, rate);
    this.#setState('fallback');
    this.#events.emit('source', 'mp4');
    this.#events.emit('fallback', { reason, from: 'hls', to: 'mp4', position });
  }

  /** A refusal's renewal: the session is dead then, so failing to renew is final. */
  async #renew(): Promise<boolean> {
    try {
      await this.#keeper.renew();
      return true;
    } catch (error) {
      if (!this.#destroyed) this.#fail(error);
      return false;
    }
  }

  #watchMedia(): void {
    this.#listen('loadeddata', () => {
      this.#mp4Retried = false;
      if (this.#state === 'loading' || this.#state === 'fallback')
        this.#setState(this.#fellBack ? 'fallback' : 'playing');
    });
    this.#viewer.watch();
    this.#listen('timeupdate', () => this.#refusals.played());
  }

  #listen(type: keyof HTMLMediaElementEventMap, listener: () => void): void {
    this.#cleanups.push(listen(this.video, type, listener));
  }

  /** `viewer`: what the viewer had, from an engine whose resume left the element holding a reset. */
  #fail(error: unknown, viewer?: PlayState): void {
    // Failing is final: work that was under way (a renewal for a refusal) fails again into nothing.
    if (this.#destroyed || this.#state === 'error') return;
    const typed = toPrivateVideoError(error, 'media', 'Playback failed');
    // Before the teardown resets the element. A renewal for an engine's failure that fails is that failure's.
    this.#failedWith = this.#viewer.read(viewer ?? this.#renewingFor);
    this.#release();
    // A `state` listener may destroy the player on 'error' (the emitter never throws): `error` still comes.
    this.#failing = true;
    this.#setState('error');
    this.#events.emit('error', typed);
    this.#failing = false;
    if (this.#destroyed) this.#events.clear();
  }

  #setState(state: PlaybackState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.#events.emit('state', state);
  }
}

function unsupported(reason: string): PrivateVideoError {
  return new PrivateVideoError('unsupported', `Cannot play this video here: ${reason}.`);
}

/** A media failure met while the delivery could not be reached either: the connection, not the media. */
function unreachable(failure: PrivateVideoError): PrivateVideoError {
  return new PrivateVideoError(
    'network',
    `The media failed and the delivery did not answer (offline?): ${failure.message}`,
    { url: failure.url, cause: failure },
  );
}

/**
 * Plays a private video in a `<video>` element; see `PrivatePlayback`. `source` names the video (its
 * session is the client's), or is the `VideoSession` to play.
 */
export function createPrivatePlayback(
  video: HTMLVideoElement,
  source: VideoSource | VideoSession,
  options?: PrivatePlaybackOptions,
): PrivatePlayback {
  return new PrivatePlayback(video, source, options);
}
