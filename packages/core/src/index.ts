export type { PrivateVideoErrorCode, PrivateVideoErrorOptions } from './errors/PrivateVideoError';
export { isPrivateVideoError, PrivateVideoError } from './errors/PrivateVideoError';
export { Subscribable } from './Subscribable';
export { createMemoryStorage } from './session/createMemoryStorage';
export { getDefaultClient, getSession, renewSession, setDefaultClient } from './session/defaultClient';
export type { RetryOptions } from './session/requestSession';
export { backoffDelay } from './session/requestSession';
export type { Session, StorageLike } from './session/Session';
export type { SessionClientOptions } from './session/SessionClient';
export { DEFAULT_SESSION_TTL, SessionClient } from './session/SessionClient';
export type { GetPrivateToken } from './session/SessionContext';
export { toSessionKey } from './session/toSessionKey';
export type {
  OpenOptions,
  RenewOptions,
  SessionListener,
  SessionState,
  SessionStatus,
} from './session/VideoSession';
export { VideoSession } from './session/VideoSession';
export type { SigningTarget } from './signing/signUrl';
export { isVideoAssetUrl, signUrl } from './signing/signUrl';
export type { AssetUrls } from './source/assetUrls';
export {
  toAssetBase,
  toAssetUrls,
  toHlsUrl,
  toMp4Url,
  toSessionUrl,
  toThumbnailUrl,
} from './source/assetUrls';
export { createVideoRef } from './source/createVideoRef';
export { parseVideoUrl } from './source/parseVideoUrl';
export { toOrigin } from './source/toOrigin';
export { toVideoRef } from './source/toVideoRef';
export type {
  ApiLiveStreamObject,
  ApiVideoAssets,
  ApiVideoObject,
  DeliveryDomains,
  VideoRef,
  VideoRefInit,
  VideoSource,
} from './source/VideoRef';
export { DEFAULT_DOMAINS } from './source/VideoRef';
