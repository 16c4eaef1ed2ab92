import type { FallbackEvent, PlaybackState, PrivateVideoError } from '@private-video/react';
import { useMemo, useState } from 'react';

export interface PlayerReport {
  state: PlaybackState;
  fallback: FallbackEvent | undefined;
  renewals: number;
  error: PrivateVideoError | undefined;
}

/** Collects a player's events for the status line under it; spread `callbacks` onto the player. */
export function usePlayerReport() {
  const [report, setReport] = useState<PlayerReport>({
    state: 'idle',
    fallback: undefined,
    renewals: 0,
    error: undefined,
  });
  const callbacks = useMemo(
    () => ({
      onStateChange: (state: PlaybackState) => setReport((previous) => ({ ...previous, state })),
      onFallback: (fallback: FallbackEvent) => setReport((previous) => ({ ...previous, fallback })),
      onSessionRenewed: () => setReport((previous) => ({ ...previous, renewals: previous.renewals + 1 })),
      onError: (error: PrivateVideoError) => setReport((previous) => ({ ...previous, error })),
    }),
    [],
  );
  return { report, callbacks };
}
