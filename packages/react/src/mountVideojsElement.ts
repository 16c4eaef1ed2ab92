import type { VideoHTMLAttributes } from 'react';
import { mediaEventProps } from './mediaEventProps.js';

type VideoProps = VideoHTMLAttributes<HTMLVideoElement>;

export interface VideojsElement {
  video: HTMLVideoElement;
  /** Updates the poster through the video.js player once there is one, else on the element. */
  setPoster(poster: string | undefined): void;
  /** Stops the event forwarding and empties the container (video.js's wrapper included). */
  remove(): void;
}

/**
 * video.js moves the `<video>` it is given into its own wrapper and removes it on `dispose()`, so React
 * must never own that element: it is created here, inside a container React owns, with the attributes
 * video.js reads once, and its media events call the latest media event props. Imported only when a
 * video.js player mounts, so other pages never download it.
 */
export function mountVideojsElement(
  container: HTMLElement,
  latest: { readonly current: VideoProps },
): VideojsElement {
  const props = latest.current;
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

  const listening = new AbortController();
  for (const prop of mediaEventProps) {
    // React would pass a synthetic event; a native one has everything media handlers usually read.
    video.addEventListener(
      prop.slice(2).toLowerCase(),
      (event) => (latest.current[prop] as ((event: Event) => void) | undefined)?.(event),
      { signal: listening.signal },
    );
  }
  container.appendChild(video);

  return {
    video,
    setPoster(poster) {
      // video.js sets `tag.player` on the element it took over.
      const player = (video as { player?: { poster?: (url: string) => void } | null }).player;
      if (player?.poster) player.poster(poster ?? '');
      else if (poster === undefined) video.removeAttribute('poster');
      else video.setAttribute('poster', poster);
    },
    remove() {
      listening.abort();
      container.replaceChildren();
    },
  };
}
