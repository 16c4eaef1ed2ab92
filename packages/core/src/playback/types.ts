import type { PrivateVideoError } from '../errors/PrivateVideoError.js';
import type { Session } from '../session/Session.js';
import type { SessionClient } from '../session/SessionClient.js';
import type { GetPrivateToken } from '../session/SessionContext.js';
import type { VideoRef } from '../source/VideoRef.js';
import type { EngineLoader } from './PlaybackEngine.js';

/** Which player plays the HLS stream. `native` plays the mp4 (or native HLS with `nativeHls`). */
export type PlaybackEngineName = 'hls.js' | 'video.js' | 'native';

/**
 * Where the player is, not whether the video runs (the element's `paused` says that): `playing` once the media
 * has loaded its first frame (paused or not), `fallback` from the switch to the mp4 on, while it loads and
 * plays, `error` when it failed for good.
 */
export type PlaybackState = 'idle' | 'opening-session' | 'loading' | 'playing' | 'fallback' | 'error';

/** The `fallback` event: HLS failed, and the mp4 plays from `position`. */
export interface FallbackEvent {
  /** Why HLS was given up. */
  reason: PrivateVideoError;
  from: 'hls';
  to: 'mp4';
  /** Where playback resumes, in seconds. */
  position: number;
}

/** What the viewer has, or had when playback failed: what a retry gives back (see `getViewerState()`). */
export interface ViewerState {
  /** In seconds. */
  position: number;
  /** Whether they had it playing (or asked it to play before anything loaded). */
  playing: boolean;
  rate: number;
  muted: boolean;
  volume: number;
}

/** The `sessionrenewed` event: a new session (on a new private token) signs the requests from now on. */
export interface SessionRenewedEvent {
  session: Session;
  /** The reference with the new private token. */
  ref: VideoRef;
}

/**
 * An engine the controller created, before it loads anything: hls.js's `Hls` or video.js's player as `instance`
 * (`undefined` for the native engine), to listen to (quality levels, bitrates, analytics) or steer (e.g.
 * `hls.currentLevel`). It stays the controller's: never load a source into it, nor destroy it; it goes when
 * playback ends or another engine takes over (another `engine` event).
 */
export interface EngineEvent {
  name: PlaybackEngineName;
  instance: unknown;
}

/** The events of `PrivatePlayback.on(type, listener)`, and what each listener gets. */
export interface PrivatePlaybackEvents {
  state: PlaybackState;
  engine: EngineEvent;
  /**
   * What plays now (see `getSource()`): the engine has the video and its source. It may load nothing yet
   * (`preload="none"`), so no other event says so.
   */
  source: 'hls' | 'mp4';
  fallback: FallbackEvent;
  sessionrenewed: SessionRenewedEvent;
  error: PrivateVideoError;
}

/** Options of `createPrivatePlayback(video, source, options)`; every one has a default. */
export interface PrivatePlaybackOptions {
  /** The session client of a `VideoSource`; defaults to the page-wide one (unused for a `VideoSession`). */
  client?: SessionClient | undefined;
  /** Defaults to `hls.js` (falls back to the mp4 where MSE is missing). */
  engine?: PlaybackEngineName | undefined;
  /** HLS → mp4 fallback on a fatal HLS error, keeping the position. Default true. */
  fallback?: boolean | undefined;
  /**
   * Mints a fresh private token (via your backend) when the session has to be renewed: also at start, for a
   * session that expired before (or was lost) where the client had no `getPrivateToken` to renew it.
   */
  getPrivateToken?: GetPrivateToken | undefined;
  /**
   * A session opened on the server: no `/session` request is made. Adopted unless the video's session has one
   * of its own by now (one renewed by an earlier player of it), and each server session once.
   */
  session?: { token: string; expiresAt?: number | undefined } | undefined;
  /** Renew this many ms before the known expiry while playing. Default 60 s. */
  renewMargin?: number | undefined;
  /** With `engine: 'native'`: play HLS natively (only when the delivery signs child URIs). */
  nativeHls?: boolean | undefined;
  autoPlay?: boolean | undefined;
  /** Where to start, in seconds. */
  startTime?: number | undefined;
  /**
   * What the viewer had (`getViewerState()` of a player that failed): this one gives back what is given, where
   * they were (over `startTime`), playing or not (over `autoPlay`), their rate, muted or not and their volume.
   * A playlist gives the next video's player the sound and rate alone (`{ muted, volume, rate }`).
   */
  viewer?: Partial<ViewerState> | undefined;
  /** Extra hls.js config, a `Partial<HlsConfig>` (request hooks are ours and always win). */
  hlsConfig?: object | undefined;
  /** Extra video.js options (of `videojs(element, options)`). */
  videojsOptions?: object | undefined;
  /**
   * How long a request of the player may wait for a byte of its answer (its first, or the next) before it
   * counts as a dropped connection and is asked for again, in ms. Default 10 s, what hls.js gives a segment.
   * Raise it for very slow networks; the browser's own player (an mp4) keeps its own stall detection. What is
   * not a positive number means the default; `Infinity` waits as long as timers can (about 24.8 days).
   */
  answerTimeout?: number | undefined;
  /**
   * How long a player whose requests got no answer, while the delivery does not answer a check either (the
   * viewer's connection dropped), waits for it to come back before failing as `network`, in ms. Meanwhile what
   * is buffered plays, and the delivery is checked again after 1 s, 2 s, 4 s… (then every 16 s), and as soon as
   * the browser is back online; once it answers, playback goes on where it was, on HLS, with its buffer.
   * Default 30 s; 0 fails at once; `Infinity` waits as long as it takes.
   */
  reconnectTimeout?: number | undefined;
  /** Loads an engine adapter; replace it to inject fakes in tests. Defaults to lazy `import()`s. */
  loadEngine?: EngineLoader | undefined;
  /** Used for the session check after a refused request; defaults to the global `fetch`. */
  fetch?: typeof fetch | undefined;
  /**
   * How long the session check waits for its answer, in ms; no answer by then counts as a network
   * failure (no renewal; the engine's fallback or the error goes on). Default 10 s; what is not a positive
   * number (0, `NaN`) means the default.
   */
  sessionCheckTimeout?: number | undefined;
  /**
   * Injectable timers: the renew-ahead schedule, the session check's timeout, the wait for a dropped connection,
   * video.js's stall watch.
   */
  setTimeout?: ((callback: () => void, ms: number) => unknown) | undefined;
  clearTimeout?: ((handle: unknown) => void) | undefined;
}
