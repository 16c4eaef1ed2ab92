/// <reference lib="dom" preserve="true" />
// (The playback API names DOM types, such as `HTMLVideoElement`: a Node project that imports core, through
// `@private-video/server`, gets them with it rather than errors where `skipLibCheck` is off.)
export type { PlayState } from './engines/restoreOnLoad.js';
export { errorMessages, getErrorMessage } from './errors/errorMessages.js';
export type { PrivateVideoErrorCode, PrivateVideoErrorOptions } from './errors/PrivateVideoError.js';
export { isPrivateVideoError, PrivateVideoError, toPrivateVideoError } from './errors/PrivateVideoError.js';
export type { MountedTarget, PlaybackTarget } from './playback/mountTarget.js';
export { mountTarget } from './playback/mountTarget.js';
export type {
  EngineContext,
  EngineHooks,
  EngineLoader,
  EngineModule,
  PlaybackEngine,
} from './playback/PlaybackEngine.js';
export { createPrivatePlayback, PrivatePlayback } from './playback/PrivatePlayback.js';
export { preloadEngine } from './playback/preloadEngine.js';
export type {
  EngineEvent,
  FallbackEvent,
  PlaybackEngineName,
  PlaybackState,
  PrivatePlaybackEvents,
  PrivatePlaybackOptions,
  SessionRenewedEvent,
  ViewerState,
} from './playback/types.js';
export { Subscribable } from './Subscribable.js';
export { abortable } from './session/abortable.js';
export type { SessionCheck } from './session/checkSession.js';
export { checkSession } from './session/checkSession.js';
export { createMemoryStorage } from './session/createMemoryStorage.js';
export { getDefaultClient, getSession, renewSession, setDefaultClient } from './session/defaultClient.js';
export type { RetryOptions } from './session/requestSession.js';
export { backoffDelay } from './session/requestSession.js';
export type { Session, StorageLike } from './session/Session.js';
export type { SessionClientOptions } from './session/SessionClient.js';
export { DEFAULT_SESSION_TTL, SessionClient } from './session/SessionClient.js';
export type { GetPrivateToken, PrivateTokenAnswer } from './session/SessionContext.js';
export { servesSameVideo } from './session/servesSameVideo.js';
export { toSessionKey } from './session/toSessionKey.js';
export type {
  OpenOptions,
  RenewOptions,
  SessionListener,
  SessionState,
  SessionStatus,
} from './session/VideoSession.js';
export { VideoSession } from './session/VideoSession.js';
export type { SigningTarget } from './signing/signUrl.js';
export { isVideoAssetUrl, signUrl } from './signing/signUrl.js';
export { adoptServerSession } from './snapshot/adoptServerSession.js';
export { checkThumbnailFailure } from './snapshot/checkThumbnailFailure.js';
export { createRetry } from './snapshot/createRetry.js';
export type { RetryPlan } from './snapshot/toRetryPlan.js';
export { toRetryPlan } from './snapshot/toRetryPlan.js';
export type { ServerSession } from './snapshot/toServerSnapshot.js';
export { toServerSnapshot } from './snapshot/toServerSnapshot.js';
export type { SignedAssets } from './snapshot/toSignedAssets.js';
export { toSignedAssets } from './snapshot/toSignedAssets.js';
export type { AssetUrls } from './source/assetUrls.js';
export {
  toAssetBase,
  toAssetUrls,
  toHlsUrl,
  toMp4Url,
  toSessionUrl,
  toThumbnailUrl,
} from './source/assetUrls.js';
export { createVideoRef } from './source/createVideoRef.js';
export { parseVideoUrl } from './source/parseVideoUrl.js';
export { toOrigin } from './source/toOrigin.js';
export { toVideoRef } from './source/toVideoRef.js';
export type {
  ApiLiveStreamObject,
  ApiVideoAssets,
  ApiVideoObject,
  DeliveryDomains,
  VideoRef,
  VideoRefInit,
  VideoSource,
} from './source/VideoRef.js';
export { DEFAULT_DOMAINS } from './source/VideoRef.js';
export { toDuration } from './toDuration.js';
