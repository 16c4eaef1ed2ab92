'use client';
import { getDefaultClient, type SessionClient } from '@private-video/core';
import { useContext } from 'react';
import { PrivateVideoContext } from './PrivateVideoContext.js';

/** The session client of the nearest `PrivateVideoProvider`, or core's page-wide default client. */
export function usePrivateVideoClient(): SessionClient {
  return useContext(PrivateVideoContext)?.client ?? getDefaultClient();
}
