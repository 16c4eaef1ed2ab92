'use client';
import type { SessionState, VideoRef } from '@private-video/core';
import { type ServerSession, toServerSnapshot, type VideoSession } from '@private-video/core';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { noop } from './noop.js';

/**
 * The session snapshot of a video, through `useSyncExternalStore` over core's `VideoSession`. The
 * server (and hydration) snapshot depends on the props only; see `toServerSnapshot`.
 */
export function useSessionState(
  videoSession: VideoSession | undefined,
  serverSession: ServerSession | null | undefined,
  ref: VideoRef | undefined,
): SessionState | undefined {
  // New only with the session: a new one subscribes again.
  const subscribe = useCallback(
    (onChange: () => void) => videoSession?.subscribe(onChange) ?? noop,
    [videoSession],
  );
  // A copy, never the live state itself (which `toServerSnapshot` gives for a public video): what renders it
  // tells hydration apart by that, and must not apply the browser's clock to the server's HTML.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the server session is compared by value.
  const serverSnapshot = useMemo(
    () => videoSession && { ...toServerSnapshot(videoSession.getState(), serverSession, ref) },
    [videoSession, ref, serverSession?.token, serverSession?.expiresAt],
  );
  // The snapshot functions' identities do not matter (the server snapshot's does: it is memoized).
  return useSyncExternalStore(
    subscribe,
    () => videoSession?.getState(),
    () => serverSnapshot,
  );
}
