export * from '@private-video/core';
export type { PrivateThumbnailProps } from './PrivateThumbnail.js';
export { PrivateThumbnail } from './PrivateThumbnail.js';
export type { CreatePlayback, PlayerDefaults } from './PrivateVideoContext.js';
export type { PrivateVideoErrorMessageProps } from './PrivateVideoErrorMessage.js';
export { PrivateVideoErrorMessage } from './PrivateVideoErrorMessage.js';
export type { PrivateVideoPlayerProps } from './PrivateVideoPlayer.js';
export { PrivateVideoPlayer } from './PrivateVideoPlayer.js';
export type {
  GivenClientProviderProps,
  OwnClientProviderProps,
  PrivateVideoProviderProps,
} from './PrivateVideoProvider.js';
export { PrivateVideoProvider } from './PrivateVideoProvider.js';
export type { PrivateVideoSourceProps } from './toVideoSource.js';
export type { UseInViewportOptions } from './useInViewport.js';
export { useInViewport } from './useInViewport.js';
export { usePrivateAssets } from './usePrivateAssets.js';
export type {
  PlaybackCallbacks,
  PrivatePlaybackResult,
  UsePrivatePlaybackOptions,
} from './usePrivatePlayback.js';
export { usePrivatePlayback } from './usePrivatePlayback.js';
export type { PrivateSessionResult, UsePrivateSessionOptions } from './usePrivateSession.js';
export { usePrivateSession } from './usePrivateSession.js';
export { usePrivateVideoClient } from './usePrivateVideoClient.js';
