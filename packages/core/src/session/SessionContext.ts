import type { VideoRef } from '../source/VideoRef.js';
import type { RequestSessionContext } from './requestSession.js';
import type { SessionStore } from './SessionStore.js';
import type { VideoSession } from './VideoSession.js';

/**
 * Asks the app's backend for a fresh private token of this video (every `GET /videos/{videoId}` mints
 * one). It may also return any api.video asset URL that carries the new token, or an object holding it as
 * `privateToken` (the JSON of `@private-video/server`'s token handler).
 */
export type GetPrivateToken = (
  ref: VideoRef,
  /**
   * Aborted once the answer is no longer awaited: after the client's `timeout` (10 s by default); pass it to
   * `fetch`. (Browsers from before 2022 have no `AbortSignal.timeout`: there it never aborts.)
   */
  options: { signal: AbortSignal },
) => Promise<PrivateTokenAnswer> | PrivateTokenAnswer;

/**
 * A private token, an asset URL that carries one, or an object with it as `privateToken` or in an asset URL of
 * `assets`: the JSON of `@private-video/server`'s token handler, also its error JSON (`{ error: { code } }`, of
 * a non-200 answer), which the renewal's error names (`forbidden` for its 403).
 */
export type PrivateTokenAnswer =
  | string
  | {
      privateToken?: string | null | undefined;
      assets?:
        | {
            hls?: string | null | undefined;
            mp4?: string | null | undefined;
            thumbnail?: string | null | undefined;
          }
        | undefined;
      error?: { code?: string | undefined; message?: string | undefined } | undefined;
    };

/** What a `SessionClient` shares with the `VideoSession`s it creates (its requests' settings among it). */
export interface SessionContext extends RequestSessionContext {
  now: () => number;
  sessionTtl: number;
  store: SessionStore;
  getPrivateToken: GetPrivateToken | undefined;
  /** Makes `key` (a session's own, then each renewed token's) find `session`, unless one has it already. */
  link: (key: string, session: VideoSession) => void;
}
