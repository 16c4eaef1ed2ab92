import type { PlayState } from '../engines/restoreOnLoad.js';
import type { PrivateVideoError } from '../errors/PrivateVideoError.js';
import type { PlaybackEngineName } from './types.js';

/** What an engine tells the playback controller. */
export interface EngineHooks {
  /** Signs a request URL with the session current at request time. */
  sign: (url: string) => string;
  /**
   * Whether the viewer has the video playing: read it, not `paused`, for what to restore. The browser pauses
   * an element whose media failed, and that pause is not the viewer's.
   */
  playing: () => boolean;
  /**
   * Whether the viewer waits for the picture: they have it playing, or a play is coming (`autoPlay`, a play
   * asked for before anything loaded), and the element cannot play on (below HAVE_FUTURE_DATA: the buffer ran
   * out, or nothing has loaded). An engine then gives up on a failing request sooner: the mp4 is quicker.
   */
  waiting: () => boolean;
  /**
   * An asset answered 401/403/404: the session may be dead (the controller renews), or the asset missing
   * (the engine's business). An engine whose player never gives up on a refused asset (VHS) reports
   * `onFatal` itself after a few failures in a row (refusals or 5xx).
   */
  onAssetRefused: (status: number, url: string) => void;
  /**
   * The engine gave up (after its own retries and one media-error recovery). `status` is the HTTP status
   * when a refused request caused it; `viewer` what the viewer had, when the element holds a reset of it
   * (a source the engine set itself that never loaded), for the fallback to restore.
   */
  onFatal: (error: PrivateVideoError, status?: number, viewer?: PlayState) => void;
}

/** One attached player engine. The controller owns it and destroys it exactly once. */
export interface PlaybackEngine {
  readonly name: PlaybackEngineName;
  /** The player library's own object (hls.js's `Hls`, video.js's player), for the app (see `EngineEvent`). */
  readonly instance?: unknown;
  /** Starts the HLS stream (a signed URL). */
  loadHls(url: string): void;
  /** Switches to the progressive mp4 (a signed URL) inside the same engine. */
  loadMp4(url: string): void;
  /**
   * After a renewal: carry on loading from `position`, where the viewer is (what `viewer()` says while a
   * reload of the engine's own holds a reset, when the element's time is 0).
   */
  resume(position: number): void;
  /**
   * What the viewer had while the element holds the reset of a reload the engine made itself (a resume, a
   * stall's reload, a recovery): until that source loads, the element's time is 0 and its rate the default.
   */
  viewer?(): PlayState | undefined;
  destroy(): void;
}

/** What the controller gives an engine it creates. */
export interface EngineContext {
  video: HTMLVideoElement;
  hooks: EngineHooks;
  /**
   * Where the stream starts, in seconds (the app's `startTime`): an engine that can load from there loads
   * nothing before it. The controller still seeks there once the metadata has loaded, for the others.
   */
  startPosition?: number | undefined;
  hlsConfig?: object | undefined;
  videojsOptions?: object | undefined;
  /** The app's `answerTimeout` (see `PrivatePlaybackOptions`); engines default it (see `answerTimeout`). */
  answerTimeout?: number | undefined;
  /** The controller's injectable timers (its `setTimeout` / `clearTimeout` options), for an engine's waits. */
  setTimeout?: ((callback: () => void, ms: number) => unknown) | undefined;
  clearTimeout?: ((handle: unknown) => void) | undefined;
  /**
   * Whether the controller is dealing with a refusal (checking the session, renewing it): an engine that
   * watches its player for a silent stall waits for it, as the resume that may follow sets it going again.
   */
  renewing?: (() => boolean) | undefined;
  /**
   * Whether the controller found the session dead and is renewing it (not merely checking it): until the
   * resume every asset is refused, so an engine may stop asking. While it only checks, a refusal may be a
   * missing asset, which the engine's own recovery (another rendition) may get past.
   */
  renewingSession?: (() => boolean) | undefined;
}

/** An engine adapter, as `loadEngine` loads it (see `hlsEngine`, `videojsEngine`, `nativeEngine`). */
export interface EngineModule {
  /**
   * Whether this engine can play HLS here with every request signed, i.e. through Media Source Extensions
   * (`Hls.isSupported()`, VHS's own test); never `canPlayType` first. Otherwise the mp4 plays.
   */
  isSupported(): boolean;
  createEngine(context: EngineContext): PlaybackEngine;
}

/** Loads an engine adapter by name (`loadEngine` option: tests inject fakes). */
export type EngineLoader = (name: PlaybackEngineName) => Promise<EngineModule>;
