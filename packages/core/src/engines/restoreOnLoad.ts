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
    if (position > 0) video.currentTime = position;
    video.playbackRate = rate;
    if (play) video.play().catch(() => {});
  };
  video.addEventListener('loadedmetadata', onLoaded, { once: true });
  return () => video.removeEventListener('loadedmetadata', onLoaded);
}
