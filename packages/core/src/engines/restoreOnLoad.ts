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
 * `playOnLoadStart` plays as soon as the source starts loading instead (the seek still waits for the
 * metadata): video.js loads no segment of a live stream before it plays, so waiting for its metadata would
 * wait forever. It plays again at each start until one loads: a source set after `play()` (video.js sets
 * them asynchronously) pauses the element again, and so does a source refused at once (a dead session)
 * and set again once renewed.
 */
export function restoreOnLoad(
  video: HTMLVideoElement,
  { position, play, rate }: PlayState,
  playOnLoadStart = false,
): () => void {
  const early = play && playOnLoadStart;
  const start = () => video.play().catch(() => {});
  const onLoaded = () => {
    cancel();
    // Not when it is there already (a source that starts at the position): a seek would only rebuffer.
    if (position > 0 && Math.abs(video.currentTime - position) > 0.1) video.currentTime = position;
    video.playbackRate = rate;
    if (play && !early) start();
  };
  const cancel = () => {
    video.removeEventListener('loadstart', start);
    video.removeEventListener('loadedmetadata', onLoaded);
  };
  if (early) video.addEventListener('loadstart', start);
  video.addEventListener('loadedmetadata', onLoaded);
  return cancel;
}
