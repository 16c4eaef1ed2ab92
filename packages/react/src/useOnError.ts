import type { PrivateVideoError } from '@private-video/core';
import { useEffect, useRef } from 'react';

/**
 * Calls `onError` once per failure (a new `error` object): not on every render, not twice when StrictMode
 * runs effects twice, not again when only `onError` changed (an inline function), and again for a next
 * failure with the same code (another video). The effect of the render that brought the error calls that
 * render's `onError`, the latest one. Without `onError` the failure goes to the console, as an unhandled
 * rejection does: the viewer reads what the component shows, and the developer needs the cause (a missing
 * engine, a mistyped `engine`, a refused token) without having to handle it first.
 */
export function useOnError(
  error: PrivateVideoError | undefined,
  onError: ((error: PrivateVideoError) => void) | undefined,
): void {
  const reported = useRef<PrivateVideoError | undefined>(undefined);
  useEffect(() => {
    if (error && error !== reported.current) {
      reported.current = error;
      (onError ?? console.error)(error);
    }
  }, [error, onError]);
}
