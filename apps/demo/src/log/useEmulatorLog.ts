import type { LogEntry } from '@private-video/emulator/control';
import { useEffect, useState } from 'react';
import { control } from '../demo/emulator';

/** Often enough to feel live, rare enough to stay out of the way (the emulator has no push channel). */
export const POLL_MS = 500;
/**
 * While the emulator cannot be reached, the wait doubles after each failed poll up to this (a stopped
 * emulator would otherwise cost two refused connections, and two console errors, a second). The first
 * answer brings it back to `POLL_MS`.
 */
export const MAX_POLL_MS = 5_000;

export interface EmulatorLog {
  entries: LogEntry[];
  /** Set while the emulator cannot be reached; the last entries stay on screen. */
  error: Error | undefined;
}

/**
 * The emulator's request log, polled, narrowed to this story: requests for `videoIds` with a sequence
 * number above `since` (the last one logged before the story minted its tokens).
 *
 * Each poll asks only for what was logged after the last entry it read (`control.log({ since })`), of any
 * video: the emulator keeps up to 10 000 entries, and re-reading them all twice a second would cost more
 * with every request a story makes.
 */
export function useEmulatorLog(videoIds: readonly string[], since: number): EmulatorLog {
  const [log, setLog] = useState<EmulatorLog>({ entries: [], error: undefined });
  const key = videoIds.join(',');

  useEffect(() => {
    const ids = new Set(key.split(','));
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    // The last sequence number read, this story's or not: entries only ever get appended after it.
    let cursor = since;
    let entries: LogEntry[] = [];
    // The first answer replaces what a previous story or filter left on screen, even when it is empty.
    let shown = false;
    // One request at a time: the next poll is scheduled when the previous one has answered.
    let wait = POLL_MS;
    const poll = async () => {
      try {
        // Filtered here too: an emulator from before `since` answers with the whole log.
        const fresh = (await control.log({ since: cursor })).filter((entry) => entry.seq > cursor);
        cursor = fresh.at(-1)?.seq ?? cursor;
        const mine = fresh.filter((entry) => entry.videoId !== undefined && ids.has(entry.videoId));
        if (mine.length > 0) entries = [...entries, ...mine];
        const next = { entries, error: undefined };
        const changed = !shown || mine.length > 0;
        shown = true;
        if (!stopped) setLog((previous) => (changed || previous.error !== undefined ? next : previous));
        wait = POLL_MS;
      } catch (error) {
        if (!stopped) setLog((previous) => ({ ...previous, error: error as Error }));
        wait = Math.min(wait * 2, MAX_POLL_MS);
      }
      if (!stopped) timer = setTimeout(poll, wait);
    };
    poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [key, since]);

  return log;
}

/**
 * The last sequence number the emulator has logged: a story shows only what comes after it. Read once per
 * story, in full: a cursor kept from an earlier story would be wrong after an emulator restart (its
 * sequence numbers start again at 1), and the story would then show nothing.
 */
export async function lastLoggedSeq(): Promise<number> {
  const entries = await control.log();
  return entries.at(-1)?.seq ?? 0;
}
