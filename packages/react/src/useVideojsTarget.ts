'use client';
import { type ForwardedRef, useEffect, useMemo, useState, type VideoHTMLAttributes } from 'react';
import type { VideojsElement } from './mountVideojsElement.js';
import { useLatest } from './useLatest.js';
import type { PlaybackTarget } from './usePrivatePlayback.js';

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
  const [element, setElement] = useState<VideojsElement | null>(null);
  const target = useMemo(
    (): PlaybackTarget | null =>
      container && {
        async mount() {
          // Loaded with video.js players only: hls.js and thumbnail-only pages never download it.
          const { mountVideojsElement } = await import('./mountVideojsElement.js');
          const mounted = mountVideojsElement(container, latestProps);
          assignRef(latestRef.current, mounted.video);
          setElement(mounted);
          return {
            video: mounted.video,
            unmount() {
              assignRef(latestRef.current, null);
              setElement(null);
              mounted.remove();
            },
          };
        },
      },
    [container, latestProps, latestRef],
  );
  const { poster } = props;
  useEffect(() => element?.setPoster(poster), [element, poster]);
  return target;
}

export function assignRef<T>(ref: ForwardedRef<T>, value: T | null): void {
  if (typeof ref === 'function') ref(value);
  else if (ref) ref.current = value;
}
