/** What a new source resets: `load()` pauses the element and puts its rate back to the default. */
export interface PlayState {
  position: number;
  play: boolean;
  rate: number;
}

/** The element's play state now, to restore after a new source: read it before `load()`. */
export function readPlayState(video: HTMLVideoElement, position: number): PlayState {
  return { position, play: !video.paused, rate: video.playbackRate };
}

/**
 * Puts position, rate and play state back once the new source has loaded; returns its cancel.
 * `playOnLoadStart` plays as soon as the source starts loading instead, when there is no position to
 * seek to: video.js loads no segment of a live stream before it plays, so waiting for its metadata would
 * wait forever. Only for a first source: a `loadstart` still queued from an earlier one would play too
 * early, and a source set after `play()` (video.js sets them asynchronously) pauses the element again.
 */
export function restoreOnLoad(
  video: HTMLVideoElement,
  { position, play, rate }: PlayState,
  playOnLoadStart = false,
): () => void {
  const early = playOnLoadStart && !(position > 0);
  const start = () => video.play().catch(() => {});
  const onLoaded = () => {
    // Not when it is there already (a source that starts at the position): a seek would only rebuffer.
    if (position > 0 && Math.abs(video.currentTime - position) > 0.1) video.currentTime = position;
    video.playbackRate = rate;
    if (play && !early) start();
  };
  const onLoadStart = () => {
    if (play && early) start();
  };
  video.addEventListener('loadstart', onLoadStart, { once: true });
  video.addEventListener('loadedmetadata', onLoaded, { once: true });
  return () => {
    video.removeEventListener('loadstart', onLoadStart);
    video.removeEventListener('loadedmetadata', onLoaded);
  };
}
