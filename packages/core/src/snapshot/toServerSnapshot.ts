import type { SessionState } from '../session/VideoSession.js';
import type { VideoRef } from '../source/VideoRef.js';

/** A session opened on the server (seed 001): the token of `/session`, and when it expires. */
export interface ServerSession {
  token: string;
  /** Epoch ms; defaults to the client's session TTL from now. */
  expiresAt?: number | undefined;
}

/**
 * What the server renders, and so what the browser's first (hydrating) render must show: a function of
 * the props only. The browser may know more (a session restored from `sessionStorage`, perhaps renewed to
 * another private token); React re-renders with that right after hydration, so the HTML never disagrees
 * with the first client render.
 * @param serverSession `null` (as `openSession` gives for a public video) is no session.
 * @param ref the reference the props name: the server session was opened on its private token.
 */
export function toServerSnapshot(
  state: SessionState,
  serverSession: ServerSession | null | undefined,
  ref: VideoRef = state.ref,
): SessionState {
  if (state.status === 'public') return state;
  if (!serverSession) return { status: 'idle', ref, session: undefined, error: undefined };
  return {
    status: 'open',
    ref,
    session: {
      token: serverSession.token,
      acquiredAt: 0,
      expiresAt: serverSession.expiresAt ?? Number.MAX_SAFE_INTEGER,
    },
    error: undefined,
  };
}
