import type { VideoHTMLAttributes } from 'react';
import { mediaEventProps } from './mediaEventProps.js';

type VideoProps = VideoHTMLAttributes<HTMLVideoElement>;

export interface VideojsElement {
  video: HTMLVideoElement;
  /** Brings the app's attributes and the poster (through the video.js player once there is one) up to date. */
  update(): void;
  /** Stops the event forwarding and empties the container (video.js's wrapper included). */
  remove(): void;
}

/** What the app puts on its `<video>` for itself (tests, assistive technologies), read by nothing in video.js. */
const isAppAttribute = (name: string) => /^(aria-|data-|title$|role$)/.test(name);
/** Set by video.js on its wrapper (`role="region"`, `aria-label="Video Player"`) after copying the tag's. */
const setByVideojs = ['role', 'aria-label'];

/**
 * video.js moves the `<video>` it is given into its own wrapper and removes it on `dispose()`, so React
 * must never own that element: it is created here, inside a container React owns, with the attributes
 * video.js reads once and the app's own ones, and its media events call the latest media event props.
 * Imported only when a video.js player mounts, so other pages never download it.
 */
export function mountVideojsElement(
  container: HTMLElement,
  latest: { readonly current: VideoProps },
): VideojsElement {
  const props = latest.current;
  const video = document.createElement('video');
  video.className = 'video-js';
  // HTML attribute names are case-insensitive: `crossOrigin` sets `crossorigin`.
  for (const name of ['id', 'preload', 'crossOrigin', 'width', 'height', 'poster'] as const) {
    const value = props[name];
    if (value !== undefined) video.setAttribute(name, String(value));
  }
  video.controls = Boolean(props.controls);
  video.loop = Boolean(props.loop);
  video.playsInline = Boolean(props.playsInline);
  // `muted` for this element, `defaultMuted` for its attribute, which video.js reads.
  video.muted = video.defaultMuted = Boolean(props.muted);

  let appAttributes = new Map<string, string>();
  const updateAppAttributes = () => {
    const next = toAppAttributes(latest.current);
    for (const name of appAttributes.keys()) if (!next.has(name)) video.removeAttribute(name);
    for (const [name, value] of next) if (video.getAttribute(name) !== value) video.setAttribute(name, value);
    appAttributes = next;
  };
  updateAppAttributes();
  // video.js copies every attribute of the `<video>` to the wrapper it builds around it: the app's stay on
  // the `<video>` alone, as with the other engines, so that a test id or a title names one element.
  const wrapping = new MutationObserver(() => {
    const wrapper = video.parentElement;
    if (wrapper === null || wrapper === container) return;
    wrapping.disconnect();
    for (const name of appAttributes.keys()) if (!setByVideojs.includes(name)) wrapper.removeAttribute(name);
  });
  wrapping.observe(container, { childList: true });

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

  let poster = props.poster;
  return {
    video,
    update() {
      updateAppAttributes();
      if (latest.current.poster === poster) return;
      poster = latest.current.poster;
      // video.js sets `tag.player` on the element it took over.
      const player = (video as { player?: { poster?: (url: string) => void } | null }).player;
      if (player?.poster) player.poster(poster ?? '');
      else if (poster === undefined) video.removeAttribute('poster');
      else video.setAttribute('poster', poster);
    },
    remove() {
      wrapping.disconnect();
      listening.abort();
      container.replaceChildren();
    },
  };
}

/** The app's attributes among the props, written as React writes them (`null` or `undefined`: none). */
function toAppAttributes(props: VideoProps): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const [name, value] of Object.entries(props)) {
    if (isAppAttribute(name) && value != null) attributes.set(name, String(value));
  }
  return attributes;
}
