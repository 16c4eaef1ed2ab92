'use client';
import type { SessionState } from '@private-video/core';
import { type ServerSession, toServerSnapshot } from '@private-video/core';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { ResolvedVideo } from './useVideoSession.js';

const noop = () => {};

/**
 * The session snapshot of a video, through `useSyncExternalStore` over core's `VideoSession`. The
 * server (and hydration) snapshot depends on the props only; see `toServerSnapshot`.
 */
export function useSessionState(
  resolved: ResolvedVideo,
  serverSession: ServerSession | undefined,
): SessionState | undefined {
  const { videoSession } = resolved;
  const subscribe = useCallback(
    (onChange: () => void) => (videoSession ? videoSession.subscribe(onChange) : noop),
    [videoSession],
  );
  const getSnapshot = useCallback(() => videoSession?.getState(), [videoSession]);
  const serverToken = serverSession?.token;
  const serverExpiresAt = serverSession?.expiresAt;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the server session is compared by value.
  const serverSnapshot = useMemo(
    () => videoSession && toServerSnapshot(videoSession.getState(), serverSession),
    [videoSession, serverToken, serverExpiresAt],
  );
  const getServerSnapshot = useCallback(() => serverSnapshot, [serverSnapshot]);
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
}
