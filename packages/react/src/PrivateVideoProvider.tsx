'use client';
import {
  type DeliveryDomains,
  type GetPrivateToken,
  SessionClient,
  type StorageLike,
  type VideoRef,
} from '@private-video/core';
import { type ReactNode, useMemo, useRef } from 'react';
import { type CreatePlayback, type PlayerDefaults, PrivateVideoContext } from './PrivateVideoContext.js';
import { useLatest } from './useLatest.js';

export interface PrivateVideoProviderProps extends PlayerDefaults {
  /** A client you created (e.g. one per server request). When given, the options below are ignored. */
  client?: SessionClient | undefined;
  /** Custom delivery domains for every video below (read once, when the client is created). */
  domains?: Partial<DeliveryDomains> | undefined;
  /**
   * Mints a fresh private token through your backend when a session must be renewed. Whether one is
   * given is read once, when the client is created; after that, the latest function is the one called.
   */
  getPrivateToken?: GetPrivateToken | undefined;
  /** Session lifetime in ms (read once). */
  sessionTtl?: number | undefined;
  /** Where sessions survive a refresh (read once); `null` keeps them in memory. */
  storage?: StorageLike | null | undefined;
  /** Advanced: replaces `createPrivatePlayback` (tests inject a fake controller here). */
  createPlayback?: CreatePlayback | undefined;
  children?: ReactNode;
}

/**
 * Shares one `SessionClient` (and so one session per video and private token) with every thumbnail,
 * player and hook below it. Optional: without it, core's page-wide default client is used.
 */
export function PrivateVideoProvider(props: PrivateVideoProviderProps) {
  const { client: givenClient, engine, fallback, createPlayback, children } = props;
  // The client keeps its sessions for the provider's lifetime, so it is created once; only the latest
  // `getPrivateToken` is read at renewal time, so an inline arrow function does not reset anything.
  const latestGetPrivateToken = useLatest(props.getPrivateToken);
  // Created when first needed (no given client), then kept: also when a given client is taken away.
  const ownClient = useRef<SessionClient | undefined>(undefined);
  if (!givenClient) {
    ownClient.current ??= new SessionClient({
      domains: props.domains,
      sessionTtl: props.sessionTtl,
      storage: props.storage,
      getPrivateToken:
        props.getPrivateToken &&
        ((ref: VideoRef) => (latestGetPrivateToken.current ?? props.getPrivateToken!)(ref)),
    });
  }
  const client = givenClient ?? ownClient.current!;
  const value = useMemo(
    () => ({ client, engine, fallback, createPlayback }),
    [client, engine, fallback, createPlayback],
  );
  return <PrivateVideoContext.Provider value={value}>{children}</PrivateVideoContext.Provider>;
}
