import type { VideoHTMLAttributes } from 'react';
import { focusVideo } from './focusVideo.js';
import { interactionEventProps, passive, renamed } from './interactionEventProps.js';
import { mediaEventProps } from './mediaEventProps.js';

type VideoProps = VideoHTMLAttributes<HTMLVideoElement>;
type Handler = ((event: Event) => void) | undefined;

/** Set on a `<video>` whose video.js player held the focus when it was removed. */
export interface FocusLost {
  focusLost?: boolean;
}

export interface VideojsElement {
  video: HTMLVideoElement;
  /**
   * Brings the app's attributes, the poster (through the video.js player once there is one) and the
   * `tabIndex` of video.js's wrapper up to date.
   */
  update(): void;
  /**
   * Stops the event forwarding and takes its `<video>` (or video.js's wrapper of it) out of the container, and
   * only that: the `<video>` of a start that overlapped this one (a new video while video.js loaded) stays.
   */
  remove(): void;
}

/** video.js's wrapper of the `<video>`: it names its player until that is disposed of (the `<video>` does not). */
interface VideojsWrapper extends HTMLElement {
  player?: { poster(url: string): void; volume(volume: number): void } | null;
}

/** The last `<video>` made in a container, with the `muted` prop it was made with. */
interface Made {
  video: HTMLVideoElement & FocusLost;
  muted: boolean;
}

/**
 * The last `<video>` made in each container: the next one (a playlist's next video) takes what the viewer had
 * there, the sound (unless the `muted` prop changed) and the focus, as hls.js's one `<video>` keeps them.
 */
const madeIn = new WeakMap<HTMLElement, Made>();

/** What the app puts on its `<video>` for itself (tests, assistive technologies), read by nothing in video.js. */
const isAppAttribute = (name: string) => /^(aria-|data-|title$|role$)/.test(name);
/** Set by video.js on its wrapper (`role="region"`, `aria-label="Video Player"`) after copying the tag's. */
const setByVideojs = ['role', 'aria-label'];

/**
 * video.js moves the `<video>` it is given into its own wrapper and removes it on `dispose()`, so React
 * must never own that element: it is created here, inside a container React owns, with the attributes
 * video.js reads once and the app's own ones, and its media events call the latest media event props.
 * The user's events (clicks, keys, focus…) call the latest interaction event props from video.js's
 * wrapper, which holds the `<video>` and video.js's controls and takes the `tabIndex`. Imported only
 * when a video.js player mounts, so other pages never download it.
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
  const muted = Boolean(props.muted);
  let last = madeIn.get(container);
  madeIn.set(container, { video, muted });
  // `muted` for this element, `defaultMuted` for its attribute, which video.js reads.
  video.muted = video.defaultMuted = last?.muted === muted ? last.video.muted : muted;
  // Also here, for the next one, should video.js never take this one (its video failed first).
  if (last) video.volume = last.video.volume;

  let appAttributes = new Map<string, string>();
  const updateAppAttributes = () => {
    const next = toAppAttributes(latest.current);
    for (const name of appAttributes.keys()) if (!next.has(name)) video.removeAttribute(name);
    for (const [name, value] of next) if (video.getAttribute(name) !== value) video.setAttribute(name, value);
    appAttributes = next;
  };
  updateAppAttributes();
  const listening = new AbortController();
  const { signal } = listening;
  for (const prop of mediaEventProps) {
    // React would pass a synthetic event; a native one has everything media handlers usually read. Media
    // events do not bubble: a `…Capture` prop runs first, as React runs it.
    for (const name of [prop, `${prop}Capture` as keyof VideoProps]) {
      video.addEventListener(
        prop.slice(2).toLowerCase(),
        (event) => (latest.current[name] as Handler)?.(event),
        { capture: name !== prop, signal },
      );
    }
  }

  // video.js takes the `<video>` out of the container to put it into its wrapper, which drops a focus the app
  // gave it (its ref, as it mounted): given back. Only for that move: a focus the viewer moves away stays away.
  video.addEventListener(
    'focusout',
    () => {
      if (video.parentElement !== container) return;
      queueMicrotask(() => {
        if (
          video.parentElement !== container &&
          video.isConnected &&
          document.activeElement === document.body
        )
          video.focus();
      });
    },
    { signal },
  );
  let wrapper: HTMLElement | undefined;
  let wrapperTabIndex: string | null = null;
  const updateTabIndex = () => {
    const { tabIndex } = latest.current;
    const value = tabIndex == null ? wrapperTabIndex : String(tabIndex);
    if (!wrapper || wrapper.getAttribute('tabindex') === value) return;
    if (value === null) wrapper.removeAttribute('tabindex');
    else wrapper.setAttribute('tabindex', value);
  };
  // video.js copies every attribute of the `<video>` to the wrapper it builds around it: the app's stay on
  // the `<video>` alone, as with the other engines, so that a test id or a title names one element.
  const wrapping = new MutationObserver(() => {
    const parent = video.parentElement;
    if (parent === null || parent === container) return;
    wrapping.disconnect();
    for (const name of appAttributes.keys()) if (!setByVideojs.includes(name)) parent.removeAttribute(name);
    wrapper = parent;
    // video.js's own (`-1`: focusable, not in the tab order), kept while the app sets none.
    wrapperTabIndex = parent.getAttribute('tabindex');
    updateTabIndex();
    // A failure disposes of video.js's player, which removes its wrapper: the focus inside falls to the page
    // before the failure is told. What the player needs to give it to the alert is marked on the `<video>`.
    parent.addEventListener(
      'focusout',
      () =>
        queueMicrotask(() => {
          if (!parent.isConnected) (video as FocusLost).focusLost = true;
        }),
      { signal },
    );
    // The focus the last player here took along as it went, unless the viewer has moved it since (or an alert has).
    if (last?.video.focusLost && document.activeElement === document.body) focusVideo(video);
    // Its volume: given to video.js's player, which gives its own (1) to the element once ready.
    if (last) (parent as VideojsWrapper).player?.volume(last.video.volume);
    // Done with the previous `<video>`: not kept alive for as long as this one lives.
    last = undefined;
    for (const prop of interactionEventProps) {
      const type = renamed[prop] ?? prop.slice(2).toLowerCase();
      // React has no `onMouseEnterCapture` (nor `onMouseLeave…`, `onPointerEnter…`, `onPointerLeave…`).
      for (const name of [prop, `${prop}Capture` as keyof VideoProps]) {
        const listener = (event: Event) => {
          const handler = latest.current[name] as Handler;
          // The player counts as one element, like a `<video>` and its native controls: the mouse or the
          // focus moving from one of its parts to another neither leaves it nor enters it.
          if (!handler || parent.contains(((event as MouseEvent).relatedTarget as Node) ?? null)) return;
          // As with the other engines, `currentTarget` is the `<video>` (the ref) while the handler runs.
          Object.defineProperty(event, 'currentTarget', { value: video, configurable: true });
          try {
            handler(event);
          } finally {
            Reflect.deleteProperty(event, 'currentTarget');
          }
        };
        parent.addEventListener(type, listener, {
          capture: name !== prop,
          passive: passive.includes(type),
          signal,
        });
      }
    }
  });
  wrapping.observe(container, { childList: true });

  container.appendChild(video);

  let poster = props.poster;
  return {
    video,
    update() {
      updateAppAttributes();
      updateTabIndex();
      if (latest.current.poster === poster) return;
      poster = latest.current.poster;
      // Through video.js's player, which shows it in its own image (and gives it to the `<video>`).
      const player = (wrapper as VideojsWrapper | undefined)?.player;
      if (player) player.poster(poster ?? '');
      else if (poster === undefined) video.removeAttribute('poster');
      else video.setAttribute('poster', poster);
    },
    remove() {
      // Never taken by video.js (its video failed first): the focus the one before took along is still owed.
      if (!wrapper && last?.video.focusLost) (video as FocusLost).focusLost = true;
      wrapping.disconnect();
      listening.abort();
      for (const child of [...container.children]) if (child.contains(video)) child.remove();
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
