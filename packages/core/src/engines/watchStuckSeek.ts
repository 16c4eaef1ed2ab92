import type { EngineContext } from '../playback/PlaybackEngine.js';
import { engineTimers } from './engineTimers.js';

/** How long a seek to a buffered time may stay pending before it is made again, in ms. */
export const stuckSeekAfter = 1_500;

/**
 * WebKit (seen in WebKitGTK, and known of Safari on macOS 10.13) can leave a seek made before the first frame
 * (`readyState` still `HAVE_METADATA`) pending for good, though its target is buffered: no `seeked`, no frame,
 * no error. hls.js makes such a seek to skip a gap at the start. Made again, the seek completes; one whose
 * target is not buffered is waiting for data, and is left alone. Returns the stop.
 */
export function watchStuckSeek(
  video: HTMLVideoElement,
  timers: Pick<EngineContext, 'setTimeout' | 'clearTimeout'>,
): () => void {
  const { setTimer, clearTimer } = engineTimers(timers);
  let timer: unknown;
  const settle = () => {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
  };
  const onSeeking = () => {
    settle();
    timer = setTimer(() => {
      timer = undefined;
      const target = video.currentTime;
      // Its own `seeking` watches the new seek in turn.
      if (video.seeking && isBuffered(video.buffered, target)) video.currentTime = target;
    }, stuckSeekAfter);
  };
  video.addEventListener('seeking', onSeeking);
  video.addEventListener('seeked', settle);
  return () => {
    settle();
    video.removeEventListener('seeking', onSeeking);
    video.removeEventListener('seeked', settle);
  };
}

function isBuffered(buffered: TimeRanges, time: number): boolean {
  for (let index = 0; index < buffered.length; index++) {
    if (buffered.start(index) <= time && time < buffered.end(index)) return true;
  }
  return false;
}
