/** What a new source resets: `load()` pauses the element and puts its rate back to the default. */
export interface PlayState {
  position: number;
  play: boolean;
  rate: number;
}

/** The play state now, to restore after a new source: read it before `load()`. */
export function readPlayState(video: HTMLVideoElement, position: number, playing: boolean): PlayState {
  return { position, play: playing, rate: video.playbackRate };
}

/**
 * Puts position, rate and play state back once the new source has loaded; returns its cancel.
 * `playOnLoadStart` plays as soon as the source starts loading instead (the seek still waits for the
 * metadata): video.js loads no segment of a live stream before it plays, so waiting for its metadata would
 * wait forever. So does a video with `preload="none"` (the browser, VHS and our hls.js engine load nothing
 * of it before it plays): it always plays at the start. It plays again at each start until one loads: a
 * source set after `play()` (video.js sets them asynchronously) pauses the element again, and so does a
 * source refused at once (a dead session) and set again once renewed. A rate the viewer sets once the
 * source has started loading (its own reset comes before) is theirs, and kept: with `preload="none"`, that
 * may be long before anything loads. `state` is read as it stands then: its owner may still change `play`.
 */
export function restoreOnLoad(
  video: HTMLVideoElement,
  state: PlayState,
  playOnLoadStart = false,
): () => void {
  const early = () => state.play && (playOnLoadStart || video.preload === 'none');
  let started = false;
  const start = () => video.play().catch(() => {});
  const onLoadStart = () => {
    started = true;
    if (early()) start();
  };
  const onRateChange = () => {
    if (started) state.rate = video.playbackRate;
  };
  const onLoaded = () => {
    cancel();
    const { position } = state;
    // Not when it is there already (a source that starts at the position): a seek would only rebuffer.
    if (position > 0 && Math.abs(video.currentTime - position) > 0.1) video.currentTime = position;
    video.playbackRate = state.rate;
    if (state.play && !early()) start();
  };
  const cancel = () => {
    video.removeEventListener('loadstart', onLoadStart);
    video.removeEventListener('ratechange', onRateChange);
    video.removeEventListener('loadedmetadata', onLoaded);
  };
  video.addEventListener('loadstart', onLoadStart);
  video.addEventListener('ratechange', onRateChange);
  video.addEventListener('loadedmetadata', onLoaded);
  return cancel;
}
