import { PrivateVideoError } from '../errors/PrivateVideoError.js';
import type { EngineContext, EngineModule, PlaybackEngine } from '../playback/PlaybackEngine.js';
import { answerTimeout } from './answerTimeout.js';
import { withoutAvh } from './authStatuses.js';
import { countStallReloads, stalledOut } from './countStallReloads.js';
import { engineTimers } from './engineTimers.js';
import { type PlayState, readPlayState, restoreOnLoad } from './restoreOnLoad.js';

/** `HTMLMediaElement.NETWORK_LOADING`: fetching (not idle, as `preload="none"` leaves it before a play). */
const networkLoading = 2;

/**
 * The browser's own player: the mp4 through a signed `src`, or native HLS when the delivery writes `avh`
 * into every child URI (no JavaScript can sign the requests of a native HLS player).
 */
export function createNativeEngine(
  context: EngineContext,
  name: PlaybackEngine['name'] = 'native',
): PlaybackEngine {
  const { video, hooks } = context;
  const { setTimer, clearTimer } = engineTimers(context);
  const loadLimit = answerTimeout(context);
  let active = true;
  let cancelRestore: (() => void) | undefined;
  /** What the viewer had when a resume reloaded the source: until it loads, the element holds a reset. */
  let viewer: PlayState | undefined;
  const held = () => (video.readyState ? undefined : viewer);
  /** Gives up on this source, with what the viewer had while the element holds a reset (see `onFatal`). */
  const fail = (reason: string) =>
    hooks.onFatal(
      new PrivateVideoError('media', `The browser could not play the media (${reason}).`),
      undefined,
      held(),
    );
  const onError = () => {
    if (!active || !video.getAttribute('src')) return;
    const { code, message } = video.error ?? { code: 0, message: '' };
    fail(`MediaError ${code}${message ? `: ${withoutAvh(message)}` : ''}`);
  };
  const stallReloads = countStallReloads();
  /**
   * Native HLS is asked for again only before anything of it loaded: as it plays, Chromium's says `stalled`
   * every 3 s or so (it fires `progress` once per load), and each reload would restart the stream.
   */
  let playsHls = false;
  /**
   * No data for ~3 s (`stalled`) and no error: a first answer that never came (a held connection), or, in
   * WebKit, which never asks for the rest of a download cut short, a cut before the metadata or mid-play. The
   * browser would wait for good. The source is asked for again, signed anew, from where it stands (see
   * `resume`): before anything of it loaded, or, for an mp4, mid-play while the viewer plays; a few times at
   * one place, then it fails (see `countStallReloads`).
   */
  const onStalled = () => {
    if (!active || !video.getAttribute('src') || (video.readyState && (playsHls || !hooks.playing()))) return;
    if (stallReloads.mayReload(video.readyState ? video.currentTime : -1)) engine.resume(video.currentTime);
    else fail(stalledOut);
  };
  let loadWatch: unknown;
  const stopLoadWatch = () => {
    if (loadWatch !== undefined) clearTimer(loadWatch);
    loadWatch = undefined;
  };
  /**
   * Chromium's native HLS says nothing, not even `stalled`, while a playlist or a first segment gets no answer:
   * still loading with nothing loaded `answerTimeout` ms after it started (or, with `preload="none"`, after
   * the play that started it), it is taken for such a stall.
   */
  const watchLoad = () => {
    stopLoadWatch();
    if (!playsHls || video.readyState) return;
    loadWatch = setTimer(() => {
      loadWatch = undefined;
      if (!video.readyState && video.networkState === networkLoading) onStalled();
    }, loadLimit);
  };
  video.addEventListener('error', onError);
  video.addEventListener('stalled', onStalled);
  video.addEventListener('loadstart', watchLoad);
  video.addEventListener('play', watchLoad);
  video.addEventListener('loadedmetadata', stopLoadWatch);
  const load = (url: string) => {
    // A restore still waiting belongs to the source being replaced.
    cancelRestore?.();
    cancelRestore = viewer = undefined;
    // A new `src` loads it; a `load()` as well would make Chromium ignore `preload="none"` and load at once.
    video.src = url;
  };
  /** Another source: its stalls are its own. */
  const loadSource = (url: string, hls: boolean) => {
    playsHls = hls;
    stallReloads.reset();
    load(url);
  };
  const engine: PlaybackEngine = {
    name,
    loadHls: (url) => loadSource(url, true),
    loadMp4: (url) => loadSource(url, false),
    viewer: held,
    resume(position) {
      const url = hooks.sign(video.currentSrc || video.src);
      // Nothing of this source loaded (HAVE_NOTHING: it was refused at once). The element holds what its
      // load() reset, not what the viewer had; the restore still waiting for it (this engine's, or the
      // controller's after a fallback) stands for the same source signed anew.
      if (video.readyState === 0) {
        video.src = url;
        return;
      }
      const state = readPlayState(video, position, hooks.playing());
      load(url);
      viewer = state;
      cancelRestore = restoreOnLoad(video, state);
    },
    destroy() {
      active = false;
      cancelRestore?.();
      stopLoadWatch();
      video.removeEventListener('error', onError);
      video.removeEventListener('stalled', onStalled);
      video.removeEventListener('loadstart', watchLoad);
      video.removeEventListener('play', watchLoad);
      video.removeEventListener('loadedmetadata', stopLoadWatch);
      video.removeAttribute('src');
      video.load();
    },
  };
  return engine;
}

/** The browser's own player (`@private-video/core/native`), loaded for `engine: 'native'`. */
export const nativeEngine: EngineModule = {
  isSupported: () => true,
  createEngine: (context) => createNativeEngine(context),
};
