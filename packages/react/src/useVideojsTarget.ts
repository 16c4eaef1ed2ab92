'use client';
import { type ForwardedRef, useEffect, useMemo, useState, type VideoHTMLAttributes } from 'react';
import { useLatest } from './useLatest.js';
import type { PlaybackTarget } from './usePrivatePlayback.js';
import { createVideoElement, listenToMediaEvents, setPoster } from './videojsElement.js';

/**
 * A playback target for video.js: a `<video>` created inside `container` when playback starts and
 * removed after (video.js's `dispose()` usually removes it first), handed to `ref` while it exists.
 */
export function useVideojsTarget(
  container: HTMLElement | null,
  props: VideoHTMLAttributes<HTMLVideoElement>,
  ref: ForwardedRef<HTMLVideoElement>,
): PlaybackTarget | null {
  const latestProps = useLatest(props);
  const latestRef = useLatest(ref);
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const target = useMemo(
    (): PlaybackTarget | null =>
      container && {
        mount() {
          const element = createVideoElement(latestProps.current);
          container.appendChild(element);
          const stopListening = listenToMediaEvents(element, latestProps);
          assignRef(latestRef.current, element);
          setVideo(element);
          return {
            video: element,
            unmount() {
              stopListening();
              assignRef(latestRef.current, null);
              setVideo(null);
              // video.js's wrapper (or the bare element, if the engine never loaded) goes too.
              container.replaceChildren();
            },
          };
        },
      },
    [container, latestProps, latestRef],
  );
  const { poster } = props;
  useEffect(() => {
    if (video) setPoster(video, poster);
  }, [video, poster]);
  return target;
}

export function assignRef<T>(ref: ForwardedRef<T>, value: T | null): void {
  if (typeof ref === 'function') ref(value);
  else if (ref) ref.current = value;
}
