// Everything react adds to core, imported the way an app that used all of it would (core's own exports,
// which react re-exports, are core's check). `react-own.check.ts` fails the type check when one is missing.
export {
  errorMessages,
  getErrorMessage,
  PrivateThumbnail,
  PrivateVideoErrorMessage,
  PrivateVideoPlayer,
  PrivateVideoProvider,
  useInViewport,
  usePrivateAssets,
  usePrivatePlayback,
  usePrivateSession,
  usePrivateVideoClient,
} from '@private-video/react';
