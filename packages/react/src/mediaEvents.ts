import type { VideoHTMLAttributes } from 'react';

type VideoProps = VideoHTMLAttributes<HTMLVideoElement>;

/**
 * React's media event props and their DOM event names. With video.js the `<video>` is created outside
 * React, so these are attached to it as plain listeners (they then receive the native `Event`).
 * `onError` is not here: on `PrivateVideoPlayer` it reports a `PrivateVideoError` instead.
 */
export const mediaEvents = {
  onAbort: 'abort',
  onCanPlay: 'canplay',
  onCanPlayThrough: 'canplaythrough',
  onDurationChange: 'durationchange',
  onEmptied: 'emptied',
  onEncrypted: 'encrypted',
  onEnded: 'ended',
  onLoadedData: 'loadeddata',
  onLoadedMetadata: 'loadedmetadata',
  onLoadStart: 'loadstart',
  onPause: 'pause',
  onPlay: 'play',
  onPlaying: 'playing',
  onProgress: 'progress',
  onRateChange: 'ratechange',
  onSeeked: 'seeked',
  onSeeking: 'seeking',
  onStalled: 'stalled',
  onSuspend: 'suspend',
  onTimeUpdate: 'timeupdate',
  onVolumeChange: 'volumechange',
  onWaiting: 'waiting',
} as const satisfies Partial<Record<keyof VideoProps, string>>;

export type MediaEventProp = keyof typeof mediaEvents;
