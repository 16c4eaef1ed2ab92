import type { LogEntry } from '@private-video/emulator/control';
import { useEffect, useState } from 'react';
import { control } from '../demo/emulator';

/** Often enough to feel live, rare enough to stay out of the way (the emulator has no push channel). */
const POLL_MS = 500;

export interface EmulatorLog {
  entries: LogEntry[];
  /** Set while the emulator cannot be reached; the last entries stay on screen. */
  error: Error | undefined;
}

/**
 * The emulator's request log, polled, narrowed to this story: requests for `videoIds` with a sequence
 * number above `since` (the last one logged before the story minted its tokens).
 */
export function useEmulatorLog(videoIds: readonly string[], since: number): EmulatorLog {
  const [log, setLog] = useState<EmulatorLog>({ entries: [], error: undefined });
  const key = videoIds.join(',');

  useEffect(() => {
    const ids = new Set(key.split(','));
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    // One request at a time: the next poll is scheduled when the previous one has answered.
    const poll = async () => {
      try {
        const all = await control.log();
        const entries = all.filter(
          (entry) => entry.seq > since && entry.videoId !== undefined && ids.has(entry.videoId),
        );
        if (!stopped)
          setLog((previous) => (sameLog(previous, entries) ? previous : { entries, error: undefined }));
      } catch (error) {
        if (!stopped) setLog((previous) => ({ ...previous, error: error as Error }));
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [key, since]);

  return log;
}

/** Entries only ever get appended, so the last sequence number tells whether anything changed. */
function sameLog(previous: EmulatorLog, entries: LogEntry[]): boolean {
  return (
    previous.error === undefined &&
    previous.entries.length === entries.length &&
    previous.entries.at(-1)?.seq === entries.at(-1)?.seq
  );
}

/** The last sequence number the emulator has logged: a story shows only what comes after it. */
export async function lastLoggedSeq(): Promise<number> {
  const entries = await control.log();
  return entries.at(-1)?.seq ?? 0;
}
