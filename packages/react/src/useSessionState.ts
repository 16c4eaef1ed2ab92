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
  const subscribe = useCallback(
    (onChange: () => void) => (videoSession ? videoSession.subscribe(onChange) : noop),
    [videoSession],
  );
  const getSnapshot = useCallback(() => videoSession?.getState(), [videoSession]);
  const serverToken = serverSession?.token;
  const serverExpiresAt = serverSession?.expiresAt;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the server session is compared by value.
  const serverSnapshot = useMemo(
    () => videoSession && toServerSnapshot(videoSession.getState(), serverSession, ref),
    [videoSession, ref, serverToken, serverExpiresAt],
  );
  // Only called while hydrating, so its identity does not matter (the snapshot's does: it is memoized).
  return useSyncExternalStore(subscribe, getSnapshot, () => serverSnapshot);
}
