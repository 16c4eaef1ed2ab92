'use client';
import type { VideoSource } from '@private-video/core';
import { type SignedAssets, toSignedAssets } from '@private-video/core';
import { useMemo } from 'react';
import { toSourceKey } from './toVideoSource.js';
import { type UsePrivateSessionOptions, useOpenSession } from './usePrivateSession.js';
import { useSessionState } from './useSessionState.js';
import { useVideoSession } from './useVideoSession.js';

/** The video's signed `{ thumbnail, hls, mp4 }` URLs; each `undefined` until the session is open. */
export function usePrivateAssets(source: VideoSource, options: UsePrivateSessionOptions = {}): SignedAssets {
  const resolved = useVideoSession(() => source, toSourceKey(source), options);
  const state = useSessionState(resolved, options.session);
  useOpenSession(resolved.videoSession, options.enabled ?? true);
  return useMemo(() => toSignedAssets(state), [state]);
}
