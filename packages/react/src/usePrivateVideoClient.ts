'use client';
import { getDefaultClient, type SessionClient } from '@private-video/core';
import { useContext, useState } from 'react';
import { PrivateVideoContext } from './PrivateVideoContext.js';

/**
 * The session client of the nearest `PrivateVideoProvider`, or core's page-wide default client: the one of
 * the component's first render, for good. One set later (`setDefaultClient`) would start its players over at
 * their next render, on sessions it opens again with spent private tokens; components mounted after take it.
 */
export function usePrivateVideoClient(): SessionClient {
  const [defaultClient] = useState(getDefaultClient);
  return useContext(PrivateVideoContext)?.client ?? defaultClient;
}
