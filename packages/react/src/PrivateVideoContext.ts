'use client';
import type { createPrivatePlayback, PlaybackEngineName, SessionClient } from '@private-video/core';
import { createContext } from 'react';

/** Creates the playback controller of a player; replaceable so tests can inject a fake. */
export type CreatePlayback = typeof createPrivatePlayback;

/** Provider-wide defaults for every `PrivateVideoPlayer` below it. */
export interface PlayerDefaults {
  engine?: PlaybackEngineName | undefined;
  fallback?: boolean | undefined;
}

export interface PrivateVideoContextValue extends PlayerDefaults {
  client: SessionClient;
  createPlayback: CreatePlayback | undefined;
}

/** `null` without a provider: components then use core's page-wide default client. */
export const PrivateVideoContext = createContext<PrivateVideoContextValue | null>(null);
