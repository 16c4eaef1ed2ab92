export type { ApiVideoErrorCode, ApiVideoErrorOptions } from './ApiVideoError.js';
export { ApiVideoError, isApiVideoError } from './ApiVideoError.js';
export type {
  ApiLiveStream,
  ApiPagination,
  ApiRequestOptions,
  ApiVideo,
  ApiVideoClient,
  ApiVideoClientOptions,
  ApiVideoPage,
  PrivateVideoSourcePage,
} from './createApiVideoClient.js';
export { createApiVideoClient, DEFAULT_BASE_URL } from './createApiVideoClient.js';
export type {
  Authorize,
  PrivateTokenErrorCode,
  PrivateTokenErrorResponse,
  PrivateTokenHandlerOptions,
  PrivateTokenResponse,
  RequestHandler,
} from './createPrivateTokenHandler.js';
export { createPrivateTokenHandler } from './createPrivateTokenHandler.js';
export type { OpenedSession, OpenSessionOptions, OpenSessionSource } from './openSession.js';
export { openSession } from './openSession.js';
export { parseRetryAfter } from './parseRetryAfter.js';
export type { ApiRetryOptions } from './sendWithRetry.js';
export type { ListVideosQuery } from './toListQuery.js';
export type { NodeHandler, NodeHandlerOptions, NodeRequest, NodeResponse } from './toNodeHandler.js';
export { toNodeHandler } from './toNodeHandler.js';
export type { PrivateVideoSource } from './toPrivateVideoSource.js';
export { toPrivateVideoSource } from './toPrivateVideoSource.js';
