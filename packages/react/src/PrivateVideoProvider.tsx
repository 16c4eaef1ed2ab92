'use client';
import {
  type DeliveryDomains,
  type GetPrivateToken,
  SessionClient,
  type StorageLike,
} from '@private-video/core';
import { type ReactNode, useContext, useMemo, useRef, useState } from 'react';
import { type CreatePlayback, type PlayerDefaults, PrivateVideoContext } from './PrivateVideoContext.js';

interface ProviderProps extends PlayerDefaults {
  /** Advanced: replaces `createPrivatePlayback` (tests inject a fake controller here). */
  createPlayback?: CreatePlayback | undefined;
  children?: ReactNode;
}

/** The provider creates its client with these options. */
export interface OwnClientProviderProps extends ProviderProps {
  client?: undefined;
  /** Custom delivery domains for every video below (read once, when the client is created). */
  domains?: Partial<DeliveryDomains> | undefined;
  /**
   * Mints a fresh private token through your backend when a session must be renewed. Read at every render,
   * unlike the options below: one given after mount (e.g. once the app's auth has loaded) renews too, and
   * once it is taken away, a spent token is no longer offered a renewal. (Not in a provider inside another
   * that shares the outer one's client, having had no client options at its first render.)
   */
  getPrivateToken?: GetPrivateToken | undefined;
  /** Session lifetime in ms (read once). */
  sessionTtl?: number | undefined;
  /** Where sessions survive a refresh (read once); `null` keeps them in memory. */
  storage?: StorageLike | null | undefined;
}

/**
 * A client you created (e.g. for its `/session` `timeout` or `retry`): give it its `getPrivateToken`,
 * `domains`, `sessionTtl` and `storage` too (`client.setGetPrivateToken` changes the first later), so
 * the provider takes none of them beside it.
 */
export interface GivenClientProviderProps extends ProviderProps {
  client: SessionClient;
  domains?: never;
  getPrivateToken?: never;
  sessionTtl?: never;
  storage?: never;
}

/** The provider's props: a `client`, or the options of the client it creates, never both. */
export type PrivateVideoProviderProps = OwnClientProviderProps | GivenClientProviderProps;

/**
 * Shares one `SessionClient` (and so one session per video and private token) with every thumbnail,
 * player and hook below it. Optional: without it, core's page-wide default client is used.
 */
export function PrivateVideoProvider(props: PrivateVideoProviderProps) {
  // One inside another takes what it is not given from the outer one: above all its client, whose sessions
  // a second client would open again (a second `/session` with a single-use token). Unless the client's own
  // options are given: they make a client of its own. Decided at the first render, for good: a provider that
  // switched clients would start every player below over, on sessions the new client opens again with spent
  // private tokens (say a `getPrivateToken` given once the app's auth has loaded).
  const outer = useContext(PrivateVideoContext);
  const { domains, getPrivateToken, sessionTtl, storage } = props;
  const [ownOptions] = useState(() => domains || getPrivateToken || sessionTtl || storage !== undefined);
  const {
    client: givenClient = ownOptions ? undefined : outer?.client,
    engine = outer?.engine,
    fallback = outer?.fallback,
    createPlayback = outer?.createPlayback,
    children,
  } = props;
  // The client keeps its sessions for the provider's lifetime, so it is created once (when first needed: no
  // given client), then kept, also when a given client is taken away.
  const ownClient = useRef<SessionClient | undefined>(undefined);
  if (!givenClient) {
    ownClient.current ??= new SessionClient({ domains, sessionTtl, storage });
    // Set while rendering, before the components below ask whether their sessions can renew: one given
    // after mount renews them, one taken away no longer does (and those that failed render again, see
    // `setGetPrivateToken`). An inline arrow function resets nothing.
    ownClient.current.setGetPrivateToken(getPrivateToken);
  }
  const client = givenClient ?? ownClient.current!;
  const value = useMemo(
    () => ({ client, engine, fallback, createPlayback }),
    [client, engine, fallback, createPlayback],
  );
  return <PrivateVideoContext.Provider value={value}>{children}</PrivateVideoContext.Provider>;
}
