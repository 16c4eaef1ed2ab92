'use client';
import type { ServerSession, SessionState } from '@private-video/core';
import {
  adoptServerSession,
  type PrivateVideoError,
  type SessionClient,
  toPrivateVideoError,
  toServerSnapshot,
  type VideoRef,
  type VideoSession,
  type VideoSource,
} from '@private-video/core';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { noop } from './noop.js';
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect.js';
import { usePrivateVideoClient } from './usePrivateVideoClient.js';

type Found = { videoSession: VideoSession; ref: VideoRef; error?: undefined };
type Unreadable = { videoSession?: undefined; ref?: undefined; error: PrivateVideoError };

/** The shared session object of a video and its snapshot, or why the source could not be read. */
export type ResolvedVideo = (Found | Unreadable) & {
  state: SessionState | undefined;
  /**
   * Whether the snapshot's session has expired by the clock (a page left open past its life): it signs
   * nothing, so what shows the assets opens it anew (a renewal). Never while hydrating: the server's HTML has
   * the server's snapshot.
   */
  expired: boolean;
};

export interface UseVideoSessionOptions {
  /** Overrides the provider's (or the default) client. */
  client?: SessionClient | undefined;
  /** A session opened on the server: adopted before anything opens, so no `/session` request is made. */
  session?: ServerSession | null | undefined;
}

/**
 * Finds the one `VideoSession` of the source (core shares it per video and private token), adopts a
 * server-opened session into it, and follows its state. `key` must change exactly when the video named
 * by `resolveSource` does. A source that brings a new private token of a video whose session lives (or opens, renews)
 * uses that session (core's `servingVideo`): a player goes on playing, a thumbnail keeps its image.
 */
export function useVideoSession(
  resolveSource: () => VideoSource,
  key: string,
  options: UseVideoSessionOptions,
): ResolvedVideo {
  const contextClient = usePrivateVideoClient();
  const client = options.client ?? contextClient;
  const serverSession = options.session;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the source, which is often an inline object.
  const resolved = useMemo((): Found | Unreadable => {
    try {
      // The source's own reference: its session may have been renewed to another private token since.
      const ref = client.toVideoRef(resolveSource());
      // A source given with a server session has its token spent: no renewal can use it.
      return { videoSession: client.servingVideo(ref, !!serverSession), ref };
    } catch (error) {
      return { error: toPrivateVideoError(error, 'invalid-source', 'Could not read the video source') };
    }
  }, [client, key]);

  const { videoSession, ref } = resolved;
  // Adopted during render so the server's HTML (and the first client render) already has signed URLs.
  // When other components already listen, notifying them mid-render is not allowed: a layout effect
  // adopts it instead, before the browser paints.
  if (videoSession && serverSession && !videoSession.hasListeners())
    adoptServerSession(videoSession, serverSession);
  useIsomorphicLayoutEffect(() => {
    if (videoSession && serverSession) adoptServerSession(videoSession, serverSession);
  });
  // The session's snapshot, through `useSyncExternalStore` over core's `VideoSession`; the server (and
  // hydration) snapshot depends on the props only (see `toServerSnapshot`). New only with the session: a new
  // one subscribes again.
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
  const state = useSyncExternalStore(
    subscribe,
    () => videoSession?.getState(),
    () => serverSnapshot,
  );
  // Only the browser's own snapshot, not the server's (which hydration renders).
  return { ...resolved, state, expired: state === videoSession?.getState() && !!videoSession?.isExpiring() };
}
