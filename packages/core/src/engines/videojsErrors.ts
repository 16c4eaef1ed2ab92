import { PrivateVideoError } from '../errors/PrivateVideoError.js';
import { withoutAvh } from './authStatuses.js';

/** What VHS hands `player.error()`: its messages and metadata hold the signed URL of the failed request. */
export type VhsMediaError = {
  code?: number;
  message?: string;
  status?: number;
  metadata?: { uri?: unknown; errorType?: unknown; requestType?: unknown };
};

/**
 * A player error without the session token, for video.js's `beforeerror` hook: the player logs it, shows
 * it in its error display and returns it from `player.error()`. Only known fields are kept: VHS also
 * puts the failed playlist (with the signed URL) and the response into it.
 */
export function withoutSignedUrl(error: unknown): unknown {
  if (typeof error === 'string') return withoutAvh(error);
  if (typeof error !== 'object' || error === null) return error;
  const { code, message, status, metadata } = error as VhsMediaError;
  return {
    code,
    message: typeof message === 'string' ? withoutAvh(message) : undefined,
    status,
    metadata: metadata && {
      errorType: metadata.errorType,
      requestType: metadata.requestType,
      uri: typeof metadata.uri === 'string' ? withoutAvh(metadata.uri) : undefined,
    },
  };
}

/** A request that failed: its status (0: no answer) and its URL without the session token. */
export type FailedRequest = { status: number; url: string };

/** What the engine saw last before the player's error: see `toEngineError`. */
export interface LastFailure {
  /** The last refusal (401, 403, 404). */
  refused: FailedRequest | undefined;
  /** Whether the last failed request of the video or audio got no answer. */
  unanswered: boolean;
  /** The last request of the video or audio, if it failed (nothing of them answered since). */
  failed: FailedRequest | undefined;
}

/**
 * The engine's error for a player that gave up: the message without the signed URL, and no raw player
 * error as its cause (it carries the signed URL in its metadata). An error of the media pipeline (VHS
 * ends the stream when the manifest fails once its MediaSource is open, instead of firing its own error) names
 * no request: it is the last failed request's, or else the last refusal's, so the controller checks the session
 * with another asset than the refused one. A request that got no answer
 * (status 0, VHS's time-out, or the last failure's for the pipeline's error) is the connection's failure
 * (`network`), as the hls.js engine says.
 */
export function toEngineError(
  error: VhsMediaError,
  { refused, unanswered, failed }: LastFailure,
): PrivateVideoError {
  const { code, message, metadata } = error;
  const fromPipeline = metadata?.uri === undefined && error.status === undefined;
  // (`endOfStream('network')`: Chromium's MediaError 4, DEMUXER_ERROR_COULD_NOT_OPEN, quoted in the message.)
  const cause = fromPipeline && failed?.status ? failed : undefined;
  const status = cause?.status ?? error.status;
  const uri = metadata?.uri ?? cause?.url ?? refused?.url;
  const errorType = typeof metadata?.errorType === 'string' ? metadata.errorType : undefined;
  const noAnswer = status === 0 || errorType === 'networkrequesttimeout' || (fromPipeline && unanswered);
  return new PrivateVideoError(
    noAnswer ? 'network' : 'media',
    `video.js gave up (MediaError ${code}): ${withoutAvh(message || 'no message')}`,
    {
      status: typeof status === 'number' ? status : refused?.status,
      url: typeof uri === 'string' ? withoutAvh(uri) : undefined,
      cause: { code, errorType },
    },
  );
}
