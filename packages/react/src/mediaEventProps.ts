import type { VideoHTMLAttributes } from 'react';

type VideoProps = VideoHTMLAttributes<HTMLVideoElement>;

/**
 * React's media event props. With video.js the `<video>` is created outside React, so these (and their
 * `…Capture` variants) are attached to it as plain listeners (they then receive the native `Event`); each DOM
 * event is named like its prop, lowercase and without `on` (`onCanPlay` → `canplay`). `onError` is not here:
 * on `PrivateVideoPlayer` it reports a `PrivateVideoError` instead.
 */
export const mediaEventProps = [
  'onAbort',
  'onCanPlay',
  'onCanPlayThrough',
  'onDurationChange',
  'onEmptied',
  'onEncrypted',
  'onEnded',
  'onLoadedData',
  'onLoadedMetadata',
  'onLoadStart',
  'onPause',
  'onPlay',
  'onPlaying',
  'onProgress',
  'onRateChange',
  // The video's size changed (a new rendition of another resolution): a `<video>`'s own event.
  'onResize',
  'onSeeked',
  'onSeeking',
  'onStalled',
  'onSuspend',
  'onTimeUpdate',
  'onVolumeChange',
  'onWaiting',
] as const satisfies readonly (keyof VideoProps)[];
