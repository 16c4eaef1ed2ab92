import type { VideoHTMLAttributes } from 'react';
import { type MediaEventProp, mediaEvents } from './mediaEvents.js';

type VideoProps = VideoHTMLAttributes<HTMLVideoElement>;

/**
 * video.js moves the `<video>` it is given into its own wrapper and removes it on `dispose()`, so React
 * must never own that element: it is created here, inside a container React owns. Its attributes are
 * read by video.js once, when the player is created.
 */
export function createVideoElement(props: VideoProps): HTMLVideoElement {
  const video = document.createElement('video');
  video.className = 'video-js';
  if (props.id !== undefined) video.id = props.id;
  if (props.title !== undefined) video.title = props.title;
  if (props.controls) video.controls = true;
  if (props.muted) {
    video.muted = true;
    video.defaultMuted = true; // the attribute, which video.js reads
  }
  if (props.loop) video.loop = true;
  if (props.playsInline) video.playsInline = true;
  if (props.preload !== undefined) video.setAttribute('preload', props.preload);
  if (props.crossOrigin !== undefined) video.crossOrigin = props.crossOrigin;
  if (props.width !== undefined) video.setAttribute('width', String(props.width));
  if (props.height !== undefined) video.setAttribute('height', String(props.height));
  if (props.poster !== undefined) video.setAttribute('poster', props.poster);
  return video;
}

/** Calls the latest media event props for events of an element React does not render. */
export function listenToMediaEvents(
  video: HTMLVideoElement,
  latest: { readonly current: VideoProps },
): () => void {
  const removers = (Object.keys(mediaEvents) as MediaEventProp[]).map((prop) => {
    const listener = (event: Event) => {
      // React would pass a synthetic event; a native one has everything media handlers usually read.
      (latest.current[prop] as ((event: Event) => void) | undefined)?.(event);
    };
    video.addEventListener(mediaEvents[prop], listener);
    return () => video.removeEventListener(mediaEvents[prop], listener);
  });
  return () => {
    for (const remove of removers) remove();
  };
}

/** Updates the poster of a video.js player (`tag.player` is set by video.js), or of the bare element. */
export function setPoster(video: HTMLVideoElement, poster: string | undefined): void {
  const player = (video as { player?: { poster?: (url: string) => void } | null }).player;
  if (player?.poster) player.poster(poster ?? '');
  else if (poster === undefined) video.removeAttribute('poster');
  else video.setAttribute('poster', poster);
}
