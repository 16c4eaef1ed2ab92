'use client';
import type { PlaybackTarget } from '@private-video/core';
import {
  type ForwardedRef,
  type RefCallback,
  useCallback,
  useMemo,
  useState,
  type VideoHTMLAttributes,
} from 'react';
import type { VideojsElement } from './mountVideojsElement.js';
import { setRef } from './setRef.js';
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect.js';
import { useLatest } from './useLatest.js';

/**
 * A playback target for video.js: a `<video>` created inside the container (the returned callback is its
 * `ref`) when playback starts and removed after (video.js's `dispose()` usually removes it first). `ref`
 * gets that `<video>` when it is created in the container React renders, and loses it when playback in it
 * ends or when the container goes (before another engine's `<video>` takes the ref); one created after its
 * container is gone (the player unmounted or changed engine meanwhile) never reaches it; a new `ref` takes it
 * from the previous one, as React does for an element's `ref`. After every
 * render, its poster, the app's attributes (`aria-*`, `data-*`, `role`, `title`) and `tabIndex` follow the
 * props.
 */
export function useVideojsTarget(
  props: VideoHTMLAttributes<HTMLVideoElement>,
  ref: ForwardedRef<HTMLVideoElement>,
): [PlaybackTarget | null, (container: HTMLElement | null) => void] {
  const latestProps = useLatest(props);
  const [container, setContainer] = useState<HTMLElement | null>(null);
  // The container in the DOM now (the state lags behind it), the latest `ref`, the `<video>` created in that
  // container that a ref has, that ref, and the cleanup it returned for it (React 19 calls that instead of
  // the ref with `null`).
  const [live] = useState(() => {
    const state: {
      container?: HTMLElement | null;
      latest?: ForwardedRef<HTMLVideoElement>;
      element?: VideojsElement | null;
      ref?: ForwardedRef<HTMLVideoElement>;
      cleanup?: ReturnType<RefCallback<HTMLVideoElement>> | null;
      give(element: VideojsElement | null): void;
    } = {
      give(element) {
        // The ref that has a `<video>` lets it go first, as React does when a ref or its element changes.
        if (state.element) state.cleanup ? state.cleanup() : setRef(state.ref!, null);
        state.ref = state.latest;
        state.cleanup = element && setRef(state.ref!, element.video);
        state.element = element;
      },
    };
    return state;
  });
  // After every render, before the app's layout effects, as React sets refs: a new `ref` gets the `<video>`
  // from the previous one; and the `<video>` follows the props.
  useIsomorphicLayoutEffect(() => {
    live.latest = ref;
    if (live.element && live.ref !== ref) live.give(live.element);
    live.element?.update();
  });
  const containerRef = useCallback(
    (node: HTMLElement | null) => {
      // Gone (unmounted, or another engine's `<video>` comes next): its `<video>` leaves the ref first.
      if (!node && live.element) live.give(null);
      live.container = node;
      setContainer(node);
    },
    [live],
  );
  const target = useMemo(
    (): PlaybackTarget | null =>
      container && {
        async mount() {
          // Loaded with video.js players only: hls.js and thumbnail-only pages never download it. (Named for
          // webpack, as core's engines are.)
          const { mountVideojsElement } = await import(
            /* webpackChunkName: "private-video-videojs-element" */ './mountVideojsElement.js'
          );
          const mounted = mountVideojsElement(container, latestProps);
          // Its container may be gone since the code was asked for: then the `<video>` is only given back.
          if (live.container === container) live.give(mounted);
          return {
            video: mounted.video,
            unmount() {
              // Not when the ref already has another `<video>`: one of a start that overlapped this one.
              if (live.element === mounted) live.give(null);
              mounted.remove();
            },
          };
        },
      },
    [container, latestProps, live],
  );
  return [target, containerRef];
}
