import { authStatuses } from '../engines/authStatuses.js';
import { type PlayState, restoreOnLoad } from '../engines/restoreOnLoad.js';
import { PrivateVideoError, toPrivateVideoError } from '../errors/PrivateVideoError.js';
import { toShown } from '../errors/toShown.js';
import { checkSession, type SessionCheck } from '../session/checkSession.js';
import { getDefaultClient } from '../session/defaultClient.js';
import { VideoSession } from '../session/VideoSession.js';
import { signUrl } from '../signing/signUrl.js';
import { adoptServerSession } from '../snapshot/adoptServerSession.js';
import { toHlsUrl, toMp4Url } from '../source/assetUrls.js';
import type { VideoSource } from '../source/VideoRef.js';
import { bufferedEnd } from './bufferedEnd.js';
import { Emitter, report } from './Emitter.js';
import { loadEngine } from './loadEngine.js';
import type { EngineHooks, EngineModule, PlaybackEngine } from './PlaybackEngine.js';
import type {
  PlaybackEngineName,
  PlaybackState,
  PrivatePlaybackEvents,
  PrivatePlaybackOptions,
  ViewerState,
} from './types.js';

const defaultRenewMargin = 60_000;
const engineNames: unknown[] = ['hls.js', 'video.js', 'native'] satisfies PlaybackEngineName[];
const defaultSessionCheckTimeout = 10_000;

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
  /** Whether playback was started (by `autoPlay` or the user): from then on, its paused state rules. */
  #started = false;
  /** Whether the viewer's last word was play (`play`) rather than pause: see `#isPlaying`. */
  #wantsPlay = false;
  #sessionCheck: Promise<SessionCheck> | undefined;
  /** Whether the session was renewed (here or by another user of it) since the engine last resumed. */
  #renewedSinceResume = false;
  /** Whether the mp4 was loaded again once after failing before any of it loaded: see `#onFatal`. */
  #mp4Retried = false;
  /** The renewal a refusal started, joined by the refusals that meet the dead session meanwhile. */
  #refusalRenewal: Promise<boolean> | undefined;
  /** The last refusal renewal that a refusal resumed the engine for: one resume per renewal. */
  #resumedFor: Promise<boolean> | undefined;
  /**
   * Where playback stood (what was buffered) at that renewal: no other renewal for a refusal until it
   * plays past it, so a delivery that refuses every new session cannot spend token after token.
   */
  #renewalMark: number | undefined;
  /** Cancels the renewal ahead of expiry: its timer, or its wait for `play`. */
  #cancelRenewal: (() => void) | undefined;
  #sessionToken: string | undefined;
  #cancelSeek: (() => void) | undefined;
  /**
   * What that restore puts back once the source it was set with has loaded: until then, the element holds what
   * that source's load() reset, and this is what the viewer has (their position, the rate they chose).
   */
  #restoring: PlayState | undefined;
  /** Aborts the session checks under way once it stops (see `#release`). */
  readonly #teardown = new AbortController();

  constructor(
    video: HTMLVideoElement,
    source: VideoSource | VideoSession,
    options: PrivatePlaybackOptions = {},
  ) {
    this.video = video;
    const { viewer } = options;
    this.#options = viewer
      ? { ...options, startTime: viewer.position || options.startTime, autoPlay: viewer.playing }
      : options;
    if (viewer) this.#restoreSoundAndRate(viewer);
    // A `VideoSession` is played as it is, whichever client owns it: asking another client for the same
    // video would make that client open a second session with the already spent token.
    this.session =
      source instanceof VideoSession ? source : (options.client ?? getDefaultClient()).video(source);
    // Unless the session has its own by now: a player created again with the options of the first must not
    // undo that one's renewal (and spend a token on the dead server session's refusal).
    if (options.session) adoptServerSession(this.session, options.session);
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
   * start (`startTime`, the fallback's position): the element's time is the reset of its load() then.
   */
  getPosition(): number {
    return (
      this.#failedWith?.position ??
      this.#restoring?.position ??
      (this.#playing ? this.video.currentTime : (this.#options.startTime ?? 0))
    );
  }

  /**
   * What the viewer has (position, play state, rate, sound), or had when playback failed, so a retry can
   * give it back: a new player starts paused, and with video.js on a new `<video>` at the default sound.
   * While a source loads, the position and rate are what it restores (see `getPosition()`).
   */
  getViewerState(): ViewerState {
    return this.#failedWith ?? this.#readViewerState();
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
      this.#cancelRenewal,
      this.#cancelSeek,
      () => this.#teardown.abort(),
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
    const early = streaming && this.session.canOpen(getPrivateToken) ? this.#loadEngine(name) : undefined;
    early?.catch(() => {}); // reported below, once the session is open
    try {
      await this.session.open({ getPrivateToken });
    } catch (error) {
      this.#fail(error);
      return;
    }
    if (this.#destroyed) return;
    const engineLoad = streaming ? (early ?? this.#loadEngine(name)) : undefined;
    this.#sessionToken = this.session.getState().session?.token;
    this.#watchSession();
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

  /**
   * An engine chunk that fails to download most likely means the viewer is offline: a `network` error,
   * whose message tells them to check the connection (`media` would say the video cannot be played).
   */
  async #loadEngine(name: PlaybackEngineName): Promise<EngineModule> {
    try {
      // Awaited here: an app's loader that throws at once fails as one that rejects does.
      return await (this.#options.loadEngine ?? loadEngine)(name);
    } catch (error) {
      throw toPrivateVideoError(error, 'network', `Could not download the ${name} engine`);
    }
  }

  async #attach(
    name: PlaybackEngineName,
    kind: 'hls' | 'mp4',
    url: string,
    module?: EngineModule,
  ): Promise<void> {
    const engineModule = module ?? (await this.#loadEngine(name));
    if (this.#destroyed) return;
    const generation = ++this.#generation;
    const alive = () => !this.#destroyed && generation === this.#generation;
    // Read before the engine sets its source, whose load() resets it (hls.js and the browser do so at once).
    const rate = this.video.playbackRate;
    const hooks: EngineHooks = {
      sign: (requestUrl) => this.#sign(requestUrl),
      playing: () => this.#isPlaying(),
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
      renewing: () => this.#sessionCheck !== undefined || this.#refusalRenewal !== undefined,
      renewingSession: () => this.#refusalRenewal !== undefined,
    });
    this.#playing = kind;
    const signed = this.#sign(url);
    if (kind === 'hls') this.#engine.loadHls(signed);
    else this.#engine.loadMp4(signed);
    // A live stream's first source plays as soon as it loads (see `restoreOnLoad`).
    const { live } = this.session.ref;
    this.#seekOnLoad(this.#options.startTime ?? 0, this.#options.autoPlay === true, rate, live);
    this.#events.emit('source', kind);
  }

  /**
   * A refused asset: renew if the session itself is dead. A missing asset is the engine's business: hls.js
   * gives up after its retries, and the video.js engine after a few failures in a row (VHS never would).
   */
  async #onAssetRefused(url: string): Promise<void> {
    const engine = this.#engine;
    const playing = this.#playing;
    const check = await this.#checkSessionOrJoinRenewal(url);
    if (check !== 'dead' || this.#replaced(engine, playing) || !this.#mayRenew()) return;
    // The engine may have given up on renditions refused with the dead session: tell it to go on.
    if (await this.#renewAfterRefusal(engine, playing)) {
      this.#playOnIfAsked();
      engine?.resume(this.video.currentTime);
    }
  }

  /**
   * The engine gave up. A refusal, or any failure of what the browser plays itself (the mp4, native HLS:
   * it gives no status), may be a dead session: renew and resume. Otherwise HLS falls back to the mp4,
   * and a failing mp4 is final: `network` when the check got no answer either (the viewer's connection
   * dropped; the browser says only that the media failed), so the viewer is told to check it.
   */
  async #onFatal(failure: PrivateVideoError, status: number | undefined, viewer?: PlayState): Promise<void> {
    const engine = this.#engine;
    const playing = this.#playing;
    const playedNatively = playing === 'mp4' || engine?.name === 'native';
    let error = failure;
    if (playedNatively || (status !== undefined && authStatuses.has(status))) {
      const check = await this.#checkSessionOrJoinRenewal(error.url ?? '');
      // A fallback (or a failure) decided while this waited has dealt with this error already.
      if (this.#replaced(engine, playing)) return;
      if (check === 'dead' && this.#mayRenew()) {
        if (await this.#renewAfterRefusal(engine, playing)) this.#resume();
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
      if (check === 'unreachable') error = unreachable(failure);
    }
    if (playing === 'mp4') this.#fail(error, viewer);
    else this.#fallBack(error, viewer);
  }

  /**
   * Signs with the session, or with the last session token it had while it has none: a renewal ahead that
   * failed once the session had expired leaves none (`error`), and no asset request goes without `avh`.
   * The delivery refuses the dead token, as it would the unsigned request, and that refusal renews.
   */
  #sign(url: string): string {
    const { ref, session } = this.session.getState();
    if (session !== undefined || this.#sessionToken === undefined) return this.session.sign(url);
    return signUrl(url, {
      ref,
      sessionToken: this.#sessionToken,
      previousTokens: this.session.previousTokens,
    });
  }

  /** Whether what an engine event started is moot: destroyed, failed, or switched to the mp4 since. */
  #replaced(engine: PlaybackEngine | undefined, playing: 'hls' | 'mp4' | undefined): boolean {
    return this.#destroyed || engine !== this.#engine || playing !== this.#playing;
  }

  /** Work started by an engine event: whatever it throws becomes the typed `error`, never an unhandled rejection. */
  #handle(work: Promise<void>): void {
    work.catch((error: unknown) => this.#fail(error));
  }

  #resume(): void {
    this.#renewedSinceResume = false;
    this.#playOnIfAsked();
    this.#engine?.resume(this.video.currentTime);
  }

  /**
   * Whether the viewer has it playing. Chromium pauses an element whose media failed (already paused in its
   * `error` event, `pause` after it): that pause is not the viewer's, and what replaces the media plays on.
   */
  #isPlaying(): boolean {
    return !this.video.paused || (this.video.error !== null && this.#wantsPlay);
  }

  /**
   * Whether the viewer asked to play (and has not paused since) and the element's reset, of a source that
   * failed before anything loaded, paused it: with `preload="none"` nothing loads before they play, so that
   * is how it starts.
   */
  #askedToPlay(): boolean {
    return this.#started && this.#wantsPlay && this.video.readyState === 0;
  }

  /** Before the engine sets its source again: the restore still waiting plays it once that loads. */
  #playOnIfAsked(): void {
    if (this.#askedToPlay() && this.#restoring) this.#restoring.play = true;
  }

  #fallBack(reason: PrivateVideoError, viewer?: PlayState): void {
    const mp4 = toMp4Url(this.session.ref);
    if (this.#options.fallback === false || mp4 === undefined || this.#engine === undefined) {
      this.#fail(reason, viewer);
      return;
    }
    // A new source resets them: read first.
    const { position, playing: wasPlaying, rate } = this.#readViewerState(viewer);
    // The engine plays the mp4 itself (video.js keeps its UI); it has stopped its HLS work by then.
    this.#playing = 'mp4';
    this.#fellBack = true;
    this.#engine.loadMp4(this.#sign(mp4));
    this.#seekOnLoad(position, wasPlaying, rate);
    this.#setState('fallback');
    this.#events.emit('source', 'mp4');
    this.#events.emit('fallback', { reason, from: 'hls', to: 'mp4', position });
  }

  /** What the viewer has, or what `viewer` says they had (the engine's, when the element holds a reset). */
  #readViewerState(viewer?: PlayState): ViewerState {
    const { muted, volume } = this.video;
    return {
      position: viewer?.position ?? this.getPosition(),
      // autoPlay only stands for a play that never happened: a video paused since stays paused.
      playing:
        viewer?.play ??
        (this.#isPlaying() || this.#askedToPlay() || (this.#options.autoPlay === true && !this.#started)),
      // Until a new source has loaded, its own reset is not the viewer's rate.
      rate: viewer?.rate ?? this.#restoring?.rate ?? this.video.playbackRate,
      muted,
      volume,
    };
  }

  /** Restores position, rate and play state once the new media has loaded (a new source resets them). */
  #seekOnLoad(position: number, play: boolean, rate: number, playOnLoadStart?: boolean): void {
    this.#cancelSeek?.();
    this.#restoring = { position, play, rate };
    this.#cancelSeek = restoreOnLoad(this.video, this.#restoring, playOnLoadStart);
  }

  /**
   * A refusal met while a refusal renewal runs was about the session being replaced: it joins that renewal.
   * Checking again would find the old session alive (a check only tells a dead session from a missing
   * asset) and fall back to the mp4 for nothing.
   */
  #checkSessionOrJoinRenewal(refusedUrl: string): Promise<SessionCheck> | SessionCheck {
    return this.#refusalRenewal !== undefined ? 'dead' : this.#checkSessionOnce(refusedUrl);
  }

  async #checkSessionOnce(refusedUrl: string): Promise<SessionCheck> {
    this.#sessionCheck ??= this.#checkSession(refusedUrl).finally(() => {
      this.#sessionCheck = undefined;
    });
    return this.#sessionCheck;
  }

  /**
   * `checkSession`, with a time limit: a probe that gets no answer in time counts as a network failure, as
   * waiting for it would hold up the renewal and the fallback for good.
   */
  async #checkSession(refusedUrl: string): Promise<SessionCheck> {
    const request = new AbortController();
    const abort = () => request.abort();
    this.#teardown.signal.addEventListener('abort', abort);
    let timer: unknown;
    // Raced rather than only aborted: the answer is given up on even where an abort is not honoured
    // (at its timeout, or at teardown, whose abort must not leave this waiting with its timer).
    const timedOut = new Promise<never>((_resolve, reject) => {
      request.signal.addEventListener('abort', reject);
      timer = this.#setTimer(reject, this.#options.sessionCheckTimeout ?? defaultSessionCheckTimeout);
    });
    // The `finally` below rejects it (its abort), raced or not: that rejection must not go unhandled.
    timedOut.catch(() => {});
    try {
      const check = await checkSession(this.session, refusedUrl, (probe) =>
        Promise.race([this.#fetchProbe(probe, request.signal), timedOut]),
      );
      // A probe destroy() aborted says nothing: there is nothing to renew or fail any more.
      return this.#teardown.signal.aborted ? 'alive' : check;
    } finally {
      this.#clearTimer(timer);
      abort(); // a request given up on is not left hanging
      this.#teardown.signal.removeEventListener('abort', abort);
    }
  }

  /** Async so that an app's `fetch` that throws at once fails as one that rejects: a network failure. */
  async #fetchProbe(probe: string, signal: AbortSignal): Promise<Response> {
    return (this.#options.fetch ?? globalThis.fetch)(this.#sign(probe), { cache: 'no-store', signal });
  }

  /** A refusal may renew (or join the renewal under way) unless playback is still short of the mark. */
  #mayRenew(): boolean {
    return this.#refusalRenewal !== undefined || this.#renewalMark === undefined;
  }

  /**
   * Renews for a refusal, or joins the renewal under way: true, once renewed, for the one caller that
   * resumes the engine. That is the first whose engine and source are still current: the refusal that
   * started the renewal, unless a fallback replaced what it was about meanwhile (then the mp4's own
   * refusal, which joined the renewal, resumes the mp4).
   */
  async #renewAfterRefusal(
    engine: PlaybackEngine | undefined,
    playing: 'hls' | 'mp4' | undefined,
  ): Promise<boolean> {
    if (this.#refusalRenewal === undefined) {
      this.#renewalMark = Math.max(this.video.currentTime, bufferedEnd(this.video));
      this.#refusalRenewal = this.#renew().finally(() => {
        this.#refusalRenewal = undefined;
      });
    }
    const renewal = this.#refusalRenewal;
    if (!(await renewal) || this.#replaced(engine, playing) || this.#resumedFor === renewal) return false;
    this.#resumedFor = renewal;
    return true;
  }

  async #renew(): Promise<boolean> {
    try {
      await this.#renewSession();
      return true;
    } catch (error) {
      if (!this.#destroyed) this.#fail(error);
      return false;
    }
  }

  /**
   * The session still lives when this fails: playback goes on with it, and once it has expired its
   * refusal renews (or fails with the typed error) as any refusal does.
   */
  #renewAhead(): Promise<void> {
    return this.#renewSession().catch(() => {});
  }

  async #renewSession(): Promise<void> {
    await this.session.renew({ getPrivateToken: this.#options.getPrivateToken });
  }

  #watchSession(): void {
    const unsubscribe = this.session.subscribe((state) => {
      const token = state.session?.token;
      if (state.status !== 'open' || token === undefined || token === this.#sessionToken) return;
      this.#sessionToken = token;
      // Renewed here or by another user of the session (a second player, a thumbnail): what fails next may
      // have been refused on the old one, which a check cannot tell once the new one answers.
      this.#renewedSinceResume = true;
      this.#scheduleRenewal();
      this.#events.emit('sessionrenewed', { session: state.session!, ref: state.ref });
    });
    this.#cleanups.push(unsubscribe);
    this.#scheduleRenewal();
  }

  /** Renews ahead of the known expiry while playing, so playback never meets a dead session. */
  #scheduleRenewal(): void {
    this.#cancelRenewal?.();
    this.#cancelRenewal = undefined;
    const session = this.session.getState().session;
    if (session === undefined) return;
    // Never before halfway through the session: with a margin as long as its life (a short `sessionTtl`),
    // each new session would be renewed at once, over and over, a private token each time.
    const lifetime = session.expiresAt - session.acquiredAt;
    // A margin that is no number of ms from 0 up (`NaN` from an unset environment variable) is the default:
    // `NaN` would make the wait `NaN`, which timers run at once, and renew in a loop.
    const { renewMargin = Number.NaN } = this.#options;
    const margin = Math.min(renewMargin >= 0 ? renewMargin : defaultRenewMargin, lifetime / 2);
    const delay = Math.max(0, Math.min(this.session.msUntilExpiry() - margin, 2 ** 31 - 1));
    const renew = () => this.#handle(this.#renewAhead());
    const timer = this.#setTimer(() => {
      // Asked when due: the client may have been given its `getPrivateToken` (or lost it) since.
      if (this.#destroyed || !this.session.canRenew(this.#options.getPrivateToken)) return;
      // A paused video renews when it plays again, unless the session was renewed meanwhile (which
      // schedules anew and cancels this wait): a renewal spends a private token.
      if (this.video.paused) this.#cancelRenewal = this.#listen('play', renew, true);
      else renew();
    }, delay);
    this.#cancelRenewal = () => this.#clearTimer(timer);
  }

  #setTimer(callback: () => void, ms: number): unknown {
    return (this.#options.setTimeout ?? setTimeout)(callback, ms);
  }

  #clearTimer(handle: unknown): void {
    (this.#options.clearTimeout ?? clearTimeout)(handle as ReturnType<typeof setTimeout>);
  }

  #watchMedia(): void {
    // A play before the session opened counts (an element without a source plays, waiting for one).
    this.#wantsPlay = !this.video.paused;
    this.#listen('loadeddata', () => {
      if (this.#state === 'loading' || this.#state === 'fallback')
        this.#setState(this.#fellBack ? 'fallback' : 'playing');
    });
    this.#listen('play', () => {
      this.#started = this.#wantsPlay = true;
    });
    this.#listen('pause', () => {
      if (!this.video.error) this.#wantsPlay = false;
    });
    // Before the restore's own listener: it has put back what it kept, and the element has it from now on.
    this.#listen('loadedmetadata', () => {
      this.#restoring = undefined;
    });
    // Playing past the mark means media loaded after the last renewal played: the new session works.
    this.#listen('timeupdate', () => {
      if (this.#renewalMark !== undefined && this.video.currentTime > this.#renewalMark)
        this.#renewalMark = undefined;
    });
  }

  /**
   * A retry's: its `<video>` may be new (video.js makes one), with the page's `muted`. `defaultMuted` too, as
   * video.js reads the attribute; and the volume again once the media has loaded, as video.js puts it back to 1
   * when it starts. The rate goes along with the source (see `#attach`).
   */
  #restoreSoundAndRate({ muted, volume, rate }: ViewerState): void {
    Object.assign(this.video, { muted, defaultMuted: muted, volume, playbackRate: rate });
    this.#listen(
      'loadedmetadata',
      () => {
        this.video.volume = volume;
      },
      true,
    );
  }

  #listen(type: keyof HTMLMediaElementEventMap, listener: () => void, once = false): () => void {
    const wrapped = () => {
      if (once) remove();
      listener();
    };
    const remove = () => this.video.removeEventListener(type, wrapped);
    this.video.addEventListener(type, wrapped);
    this.#cleanups.push(remove);
    return remove;
  }

  /** `viewer`: what the viewer had, from an engine whose resume left the element holding a reset. */
  #fail(error: unknown, viewer?: PlayState): void {
    // Failing is final: work that was under way (a renewal for a refusal) fails again into nothing.
    if (this.#destroyed || this.#state === 'error') return;
    const typed = toPrivateVideoError(error, 'media', 'Playback failed');
    this.#failedWith = this.#readViewerState(viewer); // before the teardown resets the element
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
