import type { VideoRef } from '../source/VideoRef.js';
import type { RequestSessionContext } from './requestSession.js';
import type { SessionStore } from './SessionStore.js';
import type { VideoSession } from './VideoSession.js';

/**
 * Asks the app's backend for a fresh private token of this video (every `GET /videos/{videoId}` mints
 * one). It may also return any api.video asset URL that carries the new token.
 */
export type GetPrivateToken = (ref: VideoRef) => Promise<string> | string;

/** What a `SessionClient` shares with the `VideoSession`s it creates (its requests' settings among it). */
export interface SessionContext extends RequestSessionContext {
  now: () => number;
  sessionTtl: number;
  store: SessionStore;
  getPrivateToken: GetPrivateToken | undefined;
  /** Makes the renewed token's key find the same `VideoSession`. */
  link: (key: string, session: VideoSession) => void;
}
