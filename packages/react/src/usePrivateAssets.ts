'use client';
import type { VideoSource } from '@private-video/core';
import { type SignedAssets, toSignedAssets } from '@private-video/core';
import { useMemo } from 'react';
import { type UsePrivateSessionOptions, useOpenedVideoSession } from './usePrivateSession.js';

/** The video's signed `{ thumbnail, hls, mp4 }` URLs; each `undefined` until the session is open. */
export function usePrivateAssets(source: VideoSource, options: UsePrivateSessionOptions = {}): SignedAssets {
  const { state, expired } = useOpenedVideoSession(source, options);
  return useMemo(() => toSignedAssets(expired ? undefined : state), [state, expired]);
}
