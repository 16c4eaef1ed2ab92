import { PrivateVideoError } from '../errors/PrivateVideoError.js';
import type { EngineContext, EngineModule, PlaybackEngine } from '../playback/PlaybackEngine.js';
import { withoutAvh } from './authStatuses.js';
import { readPlayState, restoreOnLoad } from './restoreOnLoad.js';

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
  const onError = () => {
    if (!active || !video.getAttribute('src')) return;
    const { code, message } = video.error ?? { code: 0, message: '' };
    hooks.onFatal(
      new PrivateVideoError(
        'media',
        `The browser could not play the media (MediaError ${code}${message ? `: ${withoutAvh(message)}` : ''}).`,
      ),
    );
  };
  video.addEventListener('error', onError);
  const load = (url: string) => {
    // A restore still waiting belongs to the source being replaced.
    cancelRestore?.();
    cancelRestore = undefined;
    video.src = url;
    video.load();
  };
  return {
    name,
    loadHls: load,
    loadMp4: load,
    resume(position) {
      const state = readPlayState(video, position);
      load(hooks.sign(video.currentSrc || video.src));
      cancelRestore = restoreOnLoad(video, state);
    },
    destroy() {
      active = false;
      cancelRestore?.();
      video.removeEventListener('error', onError);
      video.removeAttribute('src');
      video.load();
    },
  };
}

export const nativeEngine: EngineModule = {
  isSupported: () => true,
  createEngine: (context) => createNativeEngine(context),
};
