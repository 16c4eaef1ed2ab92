'use client';
import { useMemo, useState } from 'react';
import {
  type PlaybackTarget,
  type UsePrivatePlaybackOptions,
  usePrivatePlayback,
  usePrivateSession,
  type VideoSource,
} from '../src/index.js';

export interface CustomPlayerProps extends UsePrivatePlaybackOptions {
  source: VideoSource;
}

/**
 * A player of your own made of the hooks `<PrivateVideoPlayer>` is made of: your `<video>`, your error UI,
 * core's controller (signing, renewal, fallback) through `usePrivatePlayback`. For hls.js and the native
 * engine: video.js moves its `<video>` and removes it on dispose, so React must not own it (see
 * `useVideojsTarget`, or use `<PrivateVideoPlayer engine="video.js">`).
 */
export function CustomPlayer({ source, ...options }: CustomPlayerProps) {
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const { videoSession } = usePrivateSession(source);
  // One target per element: a new target starts playback again.
  const target = useMemo(
    (): PlaybackTarget | null => video && { mount: () => ({ video, unmount: () => {} }) },
    [video],
  );
  const { state, error, retry } = usePrivatePlayback(target, videoSession, options);
  return (
    <figure>
      <video ref={setVideo} controls muted playsInline />
      <figcaption>{state}</figcaption>
      {error && (
        <p role="alert">
          {error.message}{' '}
          {retry && (
            <button type="button" onClick={retry}>
              Try again
            </button>
          )}
        </p>
      )}
    </figure>
  );
}
