import Hls, {
  type ErrorData,
  type LoaderConfig,
  type LoaderContext,
  type LoadPolicy,
  type RetryConfig,
} from 'hls.js';
import { PrivateVideoError } from '../errors/PrivateVideoError.js';
import type { EngineContext, EngineModule, PlaybackEngine } from '../playback/PlaybackEngine.js';
import { answerTimeout } from './answerTimeout.js';
import { authStatuses, withoutAvh } from './authStatuses.js';
import { createNativeEngine } from './nativeEngine.js';
import { requirePeer } from './requirePeer.js';
import { type PlayState, readPlayState, restoreOnLoad } from './restoreOnLoad.js';
import { watchStuckSeek } from './watchStuckSeek.js';

requirePeer('hls.js', Hls);

/**
 * hls.js signs every request through `xhrSetup` + `fetchSetup`, reading the session at request time:
 * manifests, playlists, segments, init segments, AES-128 keys and every retry. There is no custom loader
 * that rewrites `context.url`: hls.js looks keys up by that URL and would fail on AES-128 streams.
 */
export function createHlsEngine(context: EngineContext): PlaybackEngine {
  const { video, hooks, startPosition } = context;
  const hls = new Hls({
    ...loadPolicies(answerTimeout(context)),
    // Else hls.js fetches segment 0 first, until the metadata lets the controller seek. It reads this at
    // each manifest load, so a manifest loaded again after a renewal starts there too. Not for 0: hls.js's
    // own start (-1) is a live stream's edge. The app's own `startPosition` wins.
    ...(startPosition ? { startPosition } : {}),
    ...context.hlsConfig,
    xhrSetup: (xhr: XMLHttpRequest, url: string) => {
      // Opening the request ourselves is the documented way to change its URL; hls.js will not reopen it.
      xhr.open('GET', hooks.sign(url), true);
    },
    fetchSetup: (loaderContext: LoaderContext, init: RequestInit) =>
      new Request(hooks.sign(loaderContext.url), init),
  });
  let manifestUrl = '';
  let mediaRecovered = false;
  /** What the viewer had when the recovery reset the element, once something had loaded before it. */
  let viewer: PlayState | undefined;
  // Until the recovered source has loaded, the element holds what its load() reset, not the viewer's.
  const held = () => (video.readyState ? undefined : viewer);
  let stopped = false;
  let mp4: PlaybackEngine | undefined;
  let cancelRestore: (() => void) | undefined;
  /** A subtitle track given up on for a refusal: its URL, and that URL as the session signed it then. */
  let dropped: { track: number; url: string; signed: string } | undefined;
  const stopSeekWatch = watchStuckSeek(video, context);
  const loadOnPlay = () => hls.loadSource(hooks.sign(manifestUrl));
  const cancelLoadOnPlay = () => video.removeEventListener('play', loadOnPlay);

  /**
   * The request failing now (not a subtitle's), by its URL, and how often in a row: until a fragment loads again.
   * Another request failing once (the audio's, beside the video's, in one passing error) starts a count of its own.
   */
  let failing: { data: ErrorData; url: string; count: number } | undefined;

  const giveUp = (data: ErrorData, why: string) => {
    stopped = true; // hls.js stops loading after a fatal error until startLoad
    // No answer at all is status 0 to hls.js's loader: no HTTP status, as the other engines say.
    const status = data.response?.code || undefined;
    const url = withoutAvh(data.url ?? data.frag?.url ?? data.context?.url ?? '');
    const detail = status ? `${data.details} (HTTP ${status} for ${url})` : data.details;
    // A new MediaSource cannot give the browser codecs it lacks: the mp4 may still play (see `missingCodecs`).
    // No answer at all (status 0 or none: refused, dropped, timed out) is the viewer's connection, as far as
    // anyone can tell: the fallback says so, and so does the player's error without one.
    const code = missingCodecs.has(data.details)
      ? 'unsupported'
      : data.type === Hls.ErrorTypes.NETWORK_ERROR && !status
        ? 'network'
        : 'media';
    hooks.onFatal(
      new PrivateVideoError(code, `hls.js ${why}: ${detail}.`, { status, url, cause: data.error }),
      status,
      held(),
    );
  };
  /**
   * hls.js retries a failing request for about 3.5 s (see `loadPolicies`), as a passing server error usually
   * mends that way; but once the viewer waits (a frozen picture, or none yet at the start) and a retry failed
   * too, the mp4 from where they are is the quicker way on. Not while the controller checks or renews the
   * session for a refusal: the renewed session is what the next retry needs.
   */
  const giveUpIfWaiting = () => {
    if (stopped || !failing || failing.count < 2 || !hooks.waiting() || context.renewing?.()) return;
    const { data, count } = failing;
    failing = undefined;
    hls.stopLoad();
    giveUp(data, `stopped after ${count} failures in a row, the video waiting`);
  };
  video.addEventListener('waiting', giveUpIfWaiting);
  /** Ends what this engine set on the element, before the mp4 engine sets its own, or for good. */
  const cancelWatches = () => {
    cancelLoadOnPlay();
    cancelRestore?.();
    video.removeEventListener('waiting', giveUpIfWaiting);
  };
  hls.on(Hls.Events.FRAG_LOADED, (_event, { frag }) => {
    if (frag.type !== 'subtitle') failing = undefined;
  });

  hls.on(Hls.Events.ERROR, (_event, data: ErrorData) => {
    const status = data.response?.code;
    const url = data.url ?? data.frag?.url ?? data.context?.url ?? '';
    const subtitle = isSubtitle(data);
    if (!data.fatal || subtitle) {
      if (status !== undefined && authStatuses.has(status)) hooks.onAssetRefused(status, url);
      if (data.fatal) {
        // hls.js gives up on failing subtitles as on the video, and stops loading: the video and audio
        // play on without them, as with VHS (which drops the track). Refused, they come back at the resume
        // after a renewal (see `resume`).
        dropped =
          status !== undefined && authStatuses.has(status)
            ? { track: hls.subtitleTrack, url, signed: hooks.sign(url) }
            : undefined;
        hls.subtitleTrack = -1;
        hls.startLoad(video.currentTime);
      } else if (
        !subtitle &&
        data.type === Hls.ErrorTypes.NETWORK_ERROR &&
        // A load hls.js aborted itself (a key's, when the init segment before it failed) failed nothing more.
        data.details !== Hls.ErrorDetails.INTERNAL_ABORTED
      ) {
        failing = { data, url, count: failing?.url === url ? failing.count + 1 : 1 };
        giveUpIfWaiting();
      }
      return;
    }
    // A new MediaSource cannot give the browser codecs it lacks (and with no level to load, hls.js would
    // wait forever after it): the mp4 may still play, and without it this browser cannot play the video.
    if (data.type === Hls.ErrorTypes.MEDIA_ERROR && !missingCodecs.has(data.details) && !mediaRecovered) {
      mediaRecovered = true; // hls.js documents one recovery attempt; a second failure is final
      const state = readPlayState(video, video.currentTime, hooks.playing());
      // Before anything loaded, the controller knows better (startTime, autoPlay, the rate before HLS).
      if (video.readyState) viewer = state;
      // The recovery gives the element a new source, whose load() resets its rate (and pauses it, unless
      // hls.js plays it again itself): put them back. hls.js restores the position itself.
      cancelRestore = restoreOnLoad(video, { ...state, position: 0 });
      hls.recoverMediaError();
      return;
    }
    giveUp(data, 'gave up');
  });

  return {
    name: 'hls.js',
    instance: hls,
    loadHls(url) {
      manifestUrl = url;
      hls.attachMedia(video);
      // As the browser and VHS do with `preload="none"`: nothing is loaded before the video plays. The
      // media is attached, so the element has a source its controls (or the app's `play()`) can play.
      if (video.preload === 'none' && video.paused)
        video.addEventListener('play', loadOnPlay, { once: true });
      else hls.loadSource(url);
    },
    loadMp4(url) {
      cancelWatches();
      hls.destroy();
      mp4 ??= createNativeEngine(context, 'hls.js');
      mp4.loadMp4(url);
    },
    viewer: () => (mp4 ? mp4.viewer!() : held()),
    resume(position) {
      // Subtitles refused on a session renewed since (their URL signs differently now) were refused for
      // the dead session, not missing: the viewer gets their track back, unless they chose one since. (Compared
      // as signed then: hls.js reports a child URI without `avh`, which the request had.)
      if (!mp4 && dropped && hls.subtitleTrack === -1 && hooks.sign(dropped.url) !== dropped.signed)
        hls.subtitleTrack = dropped.track;
      dropped = undefined;
      // The failures so far were on the dead session (as with video.js): the next ones are counted afresh, else
      // the first of the renewed session's, or a stall, would give up at once on the old ones.
      failing = undefined;
      // A live hls.js retries by itself and signs each retry with the new session.
      if (mp4) mp4.resume(position);
      else if (stopped) {
        stopped = false;
        // Without levels the manifest itself was refused: `startLoad` would wait for it forever.
        if (hls.levels.length === 0) hls.loadSource(hooks.sign(manifestUrl));
        else hls.startLoad(position);
      }
    },
    destroy() {
      cancelWatches();
      stopSeekWatch();
      hls.destroy();
      mp4?.destroy();
    },
  };
}

/** hls.js's fatal errors for a stream whose codecs this browser cannot play through MSE. */
const missingCodecs = new Set<string>([
  Hls.ErrorDetails.MANIFEST_INCOMPATIBLE_CODECS_ERROR,
  Hls.ErrorDetails.BUFFER_INCOMPATIBLE_CODECS_ERROR,
]);

const subtitleTypes = new Set<string | undefined>(['subtitle', 'subtitleTrack']);

/** A subtitle file (its fragment's playlist type) or a subtitle playlist (its loader context's type). */
function isSubtitle(data: ErrorData): boolean {
  return subtitleTypes.has(data.frag?.type) || subtitleTypes.has(data.context?.type);
}

/**
 * hls.js does not retry 4xx answers. A 401/403/404 may be a session that is being renewed right now,
 * so those are retried (a few times, quickly) and the new session signs the retry; a truly missing
 * asset still ends in a fatal error soon enough for the mp4 fallback. Every request gets `timeout` ms to
 * its first byte (hls.js's own: 10 s, 8 s for a key, none for a manifest), and at least as long to load.
 */
function loadPolicies(timeout: number) {
  const shouldRetry: RetryConfig['shouldRetry'] = (retryConfig, retryCount, _isTimeout, response, retry) => {
    if (response?.code !== undefined && authStatuses.has(response.code)) {
      return !!retryConfig && retryCount < retryConfig.maxNumRetry;
    }
    return retry;
  };
  const policy = (base: LoadPolicy, maxNumRetry: number, limits?: Partial<LoaderConfig>): LoadPolicy => ({
    default: {
      ...base.default,
      maxTimeToFirstByteMs: timeout,
      maxLoadTimeMs: Math.max(base.default.maxLoadTimeMs, timeout),
      ...limits,
      errorRetry: {
        maxNumRetry,
        retryDelayMs: 500,
        maxRetryDelayMs: 2000,
        backoff: 'exponential',
        shouldRetry,
      },
    },
  });
  const defaults = Hls.DefaultConfig;
  return {
    fragLoadPolicy: policy(defaults.fragLoadPolicy, 3),
    keyLoadPolicy: policy(defaults.keyLoadPolicy, 3),
    playlistLoadPolicy: policy(defaults.playlistLoadPolicy, 3),
    // hls.js gives a manifest two more tries after a time-out: with the time to its first byte it lacked, a
    // manifest that never answered kept the player loading 60 s before the mp4. One more try, then the
    // fallback: about twice `timeout`.
    manifestLoadPolicy: policy(defaults.manifestLoadPolicy, 1, {
      timeoutRetry: { maxNumRetry: 1, retryDelayMs: 0, maxRetryDelayMs: 0 },
    }),
  };
}

/** The hls.js engine adapter (`@private-video/core/hls`), loaded for `engine: 'hls.js'`. */
export const hlsEngine: EngineModule = {
  isSupported: () => Hls.isSupported(),
  createEngine: createHlsEngine,
};
