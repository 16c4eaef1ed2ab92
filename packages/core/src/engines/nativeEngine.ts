import { PrivateVideoError } from '../errors/PrivateVideoError.js';
import type { EngineContext, EngineModule, PlaybackEngine } from '../playback/PlaybackEngine.js';
import { withoutAvh } from './authStatuses.js';
import { type PlayState, readPlayState, restoreOnLoad } from './restoreOnLoad.js';

/**
 * The browser's own player: the mp4 through a signed `src`, or native HLS when the delivery writes `avh`
 * into every child URI (no JavaScript can sign the requests of a native HLS player).
 */
export function createNativeEngine(
  { video, hooks }: EngineContext,
  name: PlaybackEngine['name'] = 'native',
): PlaybackEngine {
  let active = true;
  let cancelRestore: (() => void) | undefined;
  /** What the viewer had when a resume reloaded the source: until it loads, the element holds a reset. */
  let viewer: PlayState | undefined;
  const onError = () => {
    if (!active || !video.getAttribute('src')) return;
    const { code, message } = video.error ?? { code: 0, message: '' };
    hooks.onFatal(
      new PrivateVideoError(
        'media',
        `The browser could not play the media (MediaError ${code}${message ? `: ${withoutAvh(message)}` : ''}).`,
      ),
      undefined,
      video.readyState ? undefined : viewer,
    );
  };
  /** Whether the source now loading was set again for a stall before anything of it loaded. */
  let reloadedUnloaded = false;
  /** Where playback stood at the last reload for a stall mid-play. */
  let reloadedAt: number | undefined;
  /**
   * No data for ~3 s (`stalled`) and no error: a first answer that never came (a held connection), or, in
   * WebKit, which never asks for the rest of a download cut short, a cut before the metadata or mid-play. The
   * browser would wait for good. The source is asked for once more, signed anew, from where it stands (see
   * `resume`): before anything of it loaded, once per load (a slow network pays one request more); mid-play,
   * while the viewer plays, once until playback has moved past where it last was.
   */
  const onStalled = () => {
    if (!active || !video.getAttribute('src')) return;
    if (!video.readyState) {
      if (reloadedUnloaded) return;
      reloadedUnloaded = true;
    } else {
      if (!hooks.playing() || (reloadedAt !== undefined && video.currentTime <= reloadedAt)) return;
      reloadedAt = video.currentTime;
    }
    engine.resume(video.currentTime);
  };
  video.addEventListener('error', onError);
  video.addEventListener('stalled', onStalled);
  const load = (url: string) => {
    // A restore still waiting belongs to the source being replaced.
    cancelRestore?.();
    cancelRestore = viewer = undefined;
    reloadedUnloaded = false;
    // A new `src` loads it; a `load()` as well would make Chromium ignore `preload="none"` and load at once.
    video.src = url;
  };
  /** Another source: its stalls are its own. */
  const loadSource = (url: string) => {
    reloadedAt = undefined;
    load(url);
  };
  const engine: PlaybackEngine = {
    name,
    loadHls: loadSource,
    loadMp4: loadSource,
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
      video.removeEventListener('error', onError);
      video.removeEventListener('stalled', onStalled);
      video.removeAttribute('src');
      video.load();
    },
  };
  return engine;
}

export const nativeEngine: EngineModule = {
  isSupported: () => true,
  createEngine: (context) => createNativeEngine(context),
};
