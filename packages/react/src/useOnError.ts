import type { PrivateVideoError } from '@private-video/core';
import { useEffect, useRef } from 'react';
import { useLatest } from './useLatest.js';

/**
 * Calls the latest `onError` once per failure (a new `error` object): not on every render, not twice when
 * StrictMode runs effects twice, and again for a next failure with the same code (another video).
 */
export function useOnError(
  error: PrivateVideoError | undefined,
  onError: ((error: PrivateVideoError) => void) | undefined,
): void {
  const latest = useLatest(onError);
  const reported = useRef<PrivateVideoError | undefined>(undefined);
  useEffect(() => {
    if (error && error !== reported.current) {
      reported.current = error;
      latest.current?.(error);
    }
  }, [error, latest]);
}
