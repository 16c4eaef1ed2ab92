import type { VideoHTMLAttributes } from 'react';
import { mediaEventProps } from './mediaEventProps.js';

type VideoProps = VideoHTMLAttributes<HTMLVideoElement>;

/**
 * video.js moves the `<video>` it is given into its own wrapper and removes it on `dispose()`, so React
 * must never own that element: it is created here, inside a container React owns. Its attributes are
 * read by video.js once, when the player is created.
 */
export function createVideoElement(props: VideoProps): HTMLVideoElement {
  const video = document.createElement('video');
  video.className = 'video-js';
  // HTML attribute names are case-insensitive: `crossOrigin` sets `crossorigin`.
  for (const name of ['id', 'title', 'preload', 'crossOrigin', 'width', 'height', 'poster'] as const) {
    const value = props[name];
    if (value !== undefined) video.setAttribute(name, String(value));
  }
  video.controls = Boolean(props.controls);
  video.loop = Boolean(props.loop);
  video.playsInline = Boolean(props.playsInline);
  // `muted` for this element, `defaultMuted` for its attribute, which video.js reads.
  video.muted = video.defaultMuted = Boolean(props.muted);
  return video;
}

/** Calls the latest media event props for events of an element React does not render. */
export function listenToMediaEvents(
  video: HTMLVideoElement,
  latest: { readonly current: VideoProps },
): () => void {
  const listening = new AbortController();
  for (const prop of mediaEventProps) {
    // React would pass a synthetic event; a native one has everything media handlers usually read.
    video.addEventListener(
      prop.slice(2).toLowerCase(),
      (event) => (latest.current[prop] as ((event: Event) => void) | undefined)?.(event),
      { signal: listening.signal },
    );
  }
  return () => listening.abort();
}

/** Updates the poster of a video.js player (`tag.player` is set by video.js), or of the bare element. */
export function setPoster(video: HTMLVideoElement, poster: string | undefined): void {
  const player = (video as { player?: { poster?: (url: string) => void } | null }).player;
  if (player?.poster) player.poster(poster ?? '');
  else if (poster === undefined) video.removeAttribute('poster');
  else video.setAttribute('poster', poster);
}
