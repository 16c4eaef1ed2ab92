import { authStatuses } from '../engines/authStatuses.js';
import { PrivateVideoError, toPrivateVideoError } from '../errors/PrivateVideoError.js';
import { getDefaultClient } from '../session/defaultClient.js';
import type { VideoSession } from '../session/VideoSession.js';
import { toHlsUrl, toMp4Url, toThumbnailUrl } from '../source/assetUrls.js';
import type { VideoSource } from '../source/VideoRef.js';
import { Emitter } from './Emitter.js';
import { loadEngine } from './loadEngine.js';
import type { EngineHooks, EngineModule, PlaybackEngine } from './PlaybackEngine.js';
import type {
  PlaybackEngineName,
  PlaybackState,
  PrivatePlaybackEvents,
  PrivatePlaybackOptions,
} from './types.js';

const defaultRenewMargin = 60_000;
/** Refusals of one asset, on a valid session, after which it counts as missing for good. */
const missingAssetLimit = 3;

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
  #sessionCheck: Promise<boolean> | undefined;
  #renewedSinceResume = false;
  /** Cancels the renewal ahead of expiry: its timer, or its wait for `play`. */
  #cancelRenewal: (() => void) | undefined;
  #sessionToken: string | undefined;
  #cancelSeek: (() => void) | undefined;
  readonly #refusals = new Map<string, number>();

  constructor(video: HTMLVideoElement, source: VideoSource, options: PrivatePlaybackOptions = {}) {
    this.video = video;
    this.#options = options;
    this.session = (options.client ?? getDefaultClient()).video(source);
    if (options.session) this.session.setSession(options.session);
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

  on<TType extends keyof PrivatePlaybackEvents>(
    type: TType,
    listener: (event: PrivatePlaybackEvents[TType]) => void,
  ): () => void {
    return this.#events.on(type, listener);
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#generation += 1;
    this.#engine?.destroy();
    this.#engine = undefined;
    this.#cancelRenewal?.();
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    this.#events.clear();
  }

  async #start(): Promise<void> {
    if (this.#destroyed) return;
    this.#setState('opening-session');
    const name = this.#options.engine ?? 'hls.js';
    // The engine downloads while the session opens: a player waits for the slower of the two, not both.
    const streaming = name !== 'native' || this.#options.nativeHls === true;
    const engineLoad = streaming ? this.#loadEngine(name) : undefined;
    engineLoad?.catch(() => {}); // reported below, once the session is open
    try {
      await this.session.open();
    } catch (error) {
      this.#fail(error);
      return;
    }
    if (this.#destroyed) return;
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

  #loadEngine(name: PlaybackEngineName): Promise<EngineModule> {
    return (this.#options.loadEngine ?? loadEngine)(name);
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
    const hooks: EngineHooks = {
      sign: (requestUrl) => this.session.sign(requestUrl),
      onAssetRefused: (_status, requestUrl) => {
        if (alive()) this.#handle(this.#onAssetRefused(requestUrl));
      },
      onFatal: (error, status) => {
        if (alive()) this.#handle(this.#onFatal(error, status));
      },
    };
    this.#engine = engineModule.createEngine({
      video: this.video,
      hooks,
      hlsConfig: this.#options.hlsConfig,
      videojsOptions: this.#options.videojsOptions,
    });
    this.#playing = kind;
    const signed = this.session.sign(url);
    if (kind === 'hls') this.#engine.loadHls(signed);
    else this.#engine.loadMp4(signed);
    this.#seekOnLoad(this.#options.startTime ?? 0, this.#options.autoPlay === true, this.video.playbackRate);
  }

  /**
   * A refused asset: renew only if the session itself is dead. A missing asset is the engine's business,
   * but not forever: VHS retries refused segments endlessly without an `error`, so an asset refused
   * `missingAssetLimit` times on a live session counts as a fatal failure.
   */
  async #onAssetRefused(url: string): Promise<void> {
    const engine = this.#engine;
    if (!(await this.#isSessionAlive(url))) {
      // The engine may have given up on renditions refused with the dead session: tell it to go on.
      if ((await this.#renew()) && engine === this.#engine) engine?.resume(this.video.currentTime);
      return;
    }
    if (engine !== this.#engine || this.#destroyed || this.#playing !== 'hls') return;
    const path = url.split('?')[0] ?? url;
    const refusals = (this.#refusals.get(path) ?? 0) + 1;
    this.#refusals.set(path, refusals);
    if (refusals < missingAssetLimit) return;
    this.#refusals.clear();
    const detail = `${path.slice(path.lastIndexOf('/') + 1)} was refused ${refusals} times while the session is valid`;
    this.#fallBack(
      new PrivateVideoError('media', `The HLS stream is incomplete: ${detail}.`, { status: 404, url: path }),
    );
  }

  /**
   * The engine gave up. A refusal (or any mp4 failure: the browser gives no status) may be a dead
   * session: renew and resume. Otherwise HLS falls back to the mp4, and a failing mp4 is final.
   */
  async #onFatal(error: PrivateVideoError, status: number | undefined): Promise<void> {
    const engine = this.#engine;
    if (this.#playing === 'mp4' || (status !== undefined && authStatuses.has(status))) {
      const alive = await this.#isSessionAlive(error.url ?? '');
      if (engine !== this.#engine || this.#destroyed) return;
      if (!alive) {
        if (await this.#renew()) this.#resume();
        return;
      }
      if (this.#renewedSinceResume) {
        // It failed on the old session and a renewal has finished since: one more try.
        this.#resume();
        return;
      }
    }
    if (this.#playing === 'mp4') this.#fail(error);
    else this.#fallBack(error);
  }

  /** Work started by an engine event: whatever it throws becomes the typed `error`, never an unhandled rejection. */
  #handle(work: Promise<void>): void {
    work.catch((error: unknown) => this.#fail(error));
  }

  #resume(): void {
    this.#renewedSinceResume = false;
    this.#engine?.resume(this.video.currentTime);
  }

  #fallBack(reason: PrivateVideoError): void {
    const mp4 = toMp4Url(this.session.ref);
    if (this.#options.fallback === false || mp4 === undefined || this.#engine === undefined) {
      this.#fail(reason);
      return;
    }
    const position = this.video.currentTime || (this.#options.startTime ?? 0);
    const wasPlaying = !this.video.paused || this.#options.autoPlay === true;
    const rate = this.video.playbackRate; // a new source resets it: read it first
    // The engine plays the mp4 itself (video.js keeps its UI); it has stopped its HLS work by then.
    this.#playing = 'mp4';
    this.#fellBack = true;
    this.#engine.loadMp4(this.session.sign(mp4));
    this.#seekOnLoad(position, wasPlaying, rate);
    this.#setState('fallback');
    this.#events.emit('fallback', { reason, from: 'hls', to: 'mp4', position });
  }

  /** Restores position, rate and play state once the new media has loaded (a new source resets them). */
  #seekOnLoad(position: number, play: boolean, rate: number): void {
    this.#cancelSeek?.();
    const video = this.video;
    const onLoaded = () => {
      this.#cancelSeek = undefined;
      if (position > 0 && Math.abs(video.currentTime - position) > 0.1) video.currentTime = position;
      video.playbackRate = rate;
      if (play) video.play().catch(() => {});
    };
    this.#cancelSeek = this.#listen('loadedmetadata', onLoaded, true);
  }

  async #isSessionAlive(refusedUrl: string): Promise<boolean> {
    this.#sessionCheck ??= this.#checkSession(refusedUrl).finally(() => {
      this.#sessionCheck = undefined;
    });
    return this.#sessionCheck;
  }

  /**
   * One cheap signed request that must succeed while the session lives (the manifest, or the thumbnail
   * when the manifest itself was refused). A session renewed while it ran counts as alive: the refusal
   * was about the old one.
   */
  async #checkSession(refusedUrl: string): Promise<boolean> {
    const { ref } = this.session;
    const checkedToken = this.session.getState().session?.token;
    const manifest = toHlsUrl(ref);
    const probe = refusedUrl.split('?')[0] === manifest ? toThumbnailUrl(ref) : manifest;
    try {
      const response = await (this.#options.fetch ?? globalThis.fetch)(this.session.sign(probe), {
        cache: 'no-store',
      });
      await response.body?.cancel().catch(() => {});
      return response.ok || this.session.getState().session?.token !== checkedToken;
    } catch {
      return true; // the network failed, not the session: nothing to renew
    }
  }

  async #renew(): Promise<boolean> {
    try {
      await this.session.renew({ getPrivateToken: this.#options.getPrivateToken });
      this.#renewedSinceResume = true;
      return true;
    } catch (error) {
      if (!this.#destroyed) this.#fail(error);
      return false;
    }
  }

  #watchSession(): void {
    const unsubscribe = this.session.subscribe((state) => {
      const token = state.session?.token;
      if (state.status !== 'open' || token === undefined || token === this.#sessionToken) return;
      this.#sessionToken = token;
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
    if (session === undefined || !this.session.canRenew(this.#options.getPrivateToken)) return;
    const margin = this.#options.renewMargin ?? defaultRenewMargin;
    const delay = Math.max(0, Math.min(this.session.msUntilExpiry() - margin, 2 ** 31 - 1));
    const renew = () => this.#handle(this.#renew().then(() => {}));
    const setTimer = this.#options.setTimeout ?? ((callback, ms) => setTimeout(callback, ms));
    const clearTimer =
      this.#options.clearTimeout ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
    const timer = setTimer(() => {
      if (this.#destroyed) return;
      // A paused video renews when it plays again, unless the session was renewed meanwhile (which
      // schedules anew and cancels this wait): a renewal spends a private token.
      if (this.video.paused) this.#cancelRenewal = this.#listen('play', renew, true);
      else renew();
    }, delay);
    this.#cancelRenewal = () => clearTimer(timer);
  }

  #watchMedia(): void {
    this.#listen('loadeddata', () => {
      if (this.#state === 'loading' || this.#state === 'fallback')
        this.#setState(this.#fellBack ? 'fallback' : 'playing');
    });
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

  #fail(error: unknown): void {
    if (this.#destroyed) return;
    const typed = toPrivateVideoError(error, 'media', 'Playback failed');
    this.#generation += 1;
    this.#engine?.destroy();
    this.#engine = undefined;
    this.#cancelRenewal?.();
    this.#setState('error');
    this.#events.emit('error', typed);
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

/** Plays a private video in a `<video>` element; see `PrivatePlayback`. */
export function createPrivatePlayback(
  video: HTMLVideoElement,
  source: VideoSource,
  options?: PrivatePlaybackOptions,
): PrivatePlayback {
  return new PrivatePlayback(video, source, options);
}
