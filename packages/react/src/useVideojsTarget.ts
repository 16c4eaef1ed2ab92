'use client';
import {
  type ForwardedRef,
  type RefCallback,
  useCallback,
  useEffect,
  useMemo,
  useState,
  type VideoHTMLAttributes,
} from 'react';
import type { VideojsElement } from './mountVideojsElement.js';
import { setRef } from './setRef.js';
import { useLatest } from './useLatest.js';
import type { PlaybackTarget } from './usePrivatePlayback.js';

/**
 * A playback target for video.js: a `<video>` created inside the container (the returned callback is its
 * `ref`) when playback starts and removed after (video.js's `dispose()` usually removes it first). `ref`
 * gets that `<video>` when it is created in the container React renders, and loses it when playback in it
 * ends or when the container goes (before another engine's `<video>` takes the ref); one created after its
 * container is gone (the player unmounted or changed engine meanwhile) never reaches it. After every
 * render, its poster, the app's attributes (`aria-*`, `data-*`, `role`, `title`) and `tabIndex` follow the
 * props.
 */
export function useVideojsTarget(
  props: VideoHTMLAttributes<HTMLVideoElement>,
  ref: ForwardedRef<HTMLVideoElement>,
): [PlaybackTarget | null, (container: HTMLElement | null) => void] {
  const latestProps = useLatest(props);
  const latestRef = useLatest(ref);
  const [container, setContainer] = useState<HTMLElement | null>(null);
  const [element, setElement] = useState<VideojsElement | null>(null);
  // The container in the DOM now (the state lags behind it), the `<video>` from it that the ref has, and
  // the cleanup a callback ref returned for it (React 19 calls that instead of the ref with `null`).
  const [live] = useState(() => {
    const state: {
      container?: HTMLElement | null;
      video?: HTMLVideoElement | null;
      cleanup?: ReturnType<RefCallback<HTMLVideoElement>>;
      give(video: HTMLVideoElement | null): void;
    } = {
      give(video) {
        state.cleanup = state.cleanup && !video ? void state.cleanup() : setRef(latestRef.current, video);
        state.video = video;
      },
    };
    return state;
  });
  const containerRef = useCallback(
    (node: HTMLElement | null) => {
      // Gone (unmounted, or another engine's `<video>` comes next): its `<video>` leaves the ref first.
      if (!node && live.video) live.give(null);
      live.container = node;
      setContainer(node);
    },
    [live],
  );
  const target = useMemo(
    (): PlaybackTarget | null =>
      container && {
        async mount() {
          // Loaded with video.js players only: hls.js and thumbnail-only pages never download it.
          const { mountVideojsElement } = await import('./mountVideojsElement.js');
          const mounted = mountVideojsElement(container, latestProps);
          // Its container may be gone since the code was asked for: then the `<video>` is only given back.
          if (live.container === container) {
            live.give(mounted.video);
            setElement(mounted);
          }
          return {
            video: mounted.video,
            unmount() {
              if (live.container === container) {
                live.give(null);
                setElement(null);
              }
              mounted.remove();
            },
          };
        },
      },
    [container, latestProps, live],
  );
  useEffect(() => element?.update());
  return [target, containerRef];
}
