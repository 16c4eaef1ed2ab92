import { type PrivateVideoError, toPrivateVideoError } from '../errors/PrivateVideoError.js';
import { report } from './Emitter.js';

/** Where a player plays: gives a `<video>` element when playback starts, and takes it back after. */
export interface PlaybackTarget {
  /** May be async, e.g. to load the code that creates the element first. */
  mount(): MountedTarget | Promise<MountedTarget>;
}

/** A mounted target: its `<video>`, and how to give it back. */
export interface MountedTarget {
  video: HTMLVideoElement;
  unmount: () => void;
}

/**
 * Mounts `target` and calls `start` with its `<video>` (e.g. to create the controller there); returns the
 * teardown, which unmounts it (destroy the controller first). A target that cannot mount (its code failed to
 * download) fails like playback whose engine did: as `network`, whose message asks the viewer to check the
 * connection and try again. Nothing starts or fails once torn down, and an element that comes after is given
 * back at once.
 *
 * In a microtask: under React's StrictMode, which mounts, unmounts and mounts again synchronously, only the
 * mount that stays creates a controller (and a video.js player, and engine requests). What `start` and
 * `fail` throw is the app's (its callbacks): reported as the controller reports its listeners' errors.
 */
export function mountTarget(
  target: PlaybackTarget,
  start: (video: HTMLVideoElement) => void,
  fail: (error: PrivateVideoError) => void,
): () => void {
  let stopped = false;
  let mounted: MountedTarget | undefined;
  Promise.resolve()
    .then(() => !stopped && target.mount())
    .then(
      (given) => {
        if (!given) return;
        if (stopped) return given.unmount();
        mounted = given;
        start(given.video);
      },
      (error) => stopped || fail(toPrivateVideoError(error, 'network', 'The player could not start')),
    )
    .catch(report);
  return () => {
    stopped = true;
    mounted?.unmount();
  };
}
