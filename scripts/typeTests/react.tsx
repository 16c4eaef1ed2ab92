// What an app writes against the React API, under the strictest settings (`exactOptionalPropertyTypes`).
import type { PlaybackTarget, VideoSession } from '@private-video/core';
import { PrivateThumbnail, usePrivatePlayback } from '@private-video/react';

export function Card() {
  return (
    <>
      {/* @ts-expect-error: an image has no content (React throws once it renders) */}
      <PrivateThumbnail videoId="vi4blUQJFrYWbaG44NChkH27">caption</PrivateThumbnail>
      {/* @ts-expect-error: nor inner HTML */}
      <PrivateThumbnail videoId="vi4blUQJFrYWbaG44NChkH27" dangerouslySetInnerHTML={{ __html: '' }} />
    </>
  );
}

declare const videoSession: VideoSession | undefined;
export function usePlayer(target: PlaybackTarget | null) {
  // Every option has a default.
  return usePrivatePlayback(target, videoSession);
}
