import type { VideoSource } from '../source/VideoRef.js';
import type { Session } from './Session.js';
import { SessionClient } from './SessionClient.js';
import type { OpenOptions, RenewOptions } from './VideoSession.js';

let defaultClient: SessionClient | undefined;

/** The page-wide client used when none is given (created on first use). */
export function getDefaultClient(): SessionClient {
  defaultClient ??= new SessionClient();
  return defaultClient;
}

/** Replaces the page-wide client (e.g. to configure storage, domains or `getPrivateToken` once). */
export function setDefaultClient(client: SessionClient): void {
  defaultClient = client;
}

/** Opens or reuses the session of a video through the default client. */
export function getSession(source: VideoSource, options?: OpenOptions): Promise<Session | null> {
  return getDefaultClient().getSession(source, options);
}

/** Renews the session of a video through the default client. */
export function renewSession(source: VideoSource, options?: RenewOptions): Promise<Session> {
  return getDefaultClient().renew(source, options);
}
