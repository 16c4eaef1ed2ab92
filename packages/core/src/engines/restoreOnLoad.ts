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

/** Puts position, rate and play state back once the new source has loaded; returns its cancel. */
export function restoreOnLoad(video: HTMLVideoElement, { position, play, rate }: PlayState): () => void {
  const onLoaded = () => {
    // Not when it is there already (a source that starts at the position): a seek would only rebuffer.
    if (position > 0 && Math.abs(video.currentTime - position) > 0.1) video.currentTime = position;
    video.playbackRate = rate;
    if (play) video.play().catch(() => {});
  };
  video.addEventListener('loadedmetadata', onLoaded, { once: true });
  return () => video.removeEventListener('loadedmetadata', onLoaded);
}
