import { useEffect, useRef, useState } from 'react';
import { lastLoggedSeq } from '../log/useEmulatorLog';

export interface ScenarioTools {
  /** Runs when the story unmounts, e.g. to remove an injected fault. */
  onCleanup(cleanup: () => unknown): void;
}

export type ScenarioStart<T> =
  | { status: 'starting' }
  | { status: 'ready'; data: T; since: number; startedAt: number }
  | { status: 'failed'; error: Error };

/**
 * Starts a story once per mount: notes where the emulator's log stands, then runs `setup` (which mints the
 * story's own private tokens: they are single-use, so nothing is shared between stories or mounts).
 */
export function useScenarioStart<T>(setup: (tools: ScenarioTools) => Promise<T>): ScenarioStart<T> {
  const [start, setStart] = useState<ScenarioStart<T>>({ status: 'starting' });
  const latestSetup = useRef(setup);
  latestSetup.current = setup;

  useEffect(() => {
    let unmounted = false;
    const cleanups: (() => unknown)[] = [];
    const cleanUp = () => {
      for (const cleanup of cleanups.splice(0)) Promise.resolve(cleanup()).catch(() => {});
    };
    (async () => {
      const startedAt = Date.now();
      const since = await lastLoggedSeq();
      const data = await latestSetup.current({ onCleanup: (cleanup) => cleanups.push(cleanup) });
      return { status: 'ready' as const, data, since, startedAt };
    })().then(
      (ready) => (unmounted ? cleanUp() : setStart(ready)),
      (error: Error) => !unmounted && setStart({ status: 'failed', error }),
    );
    return () => {
      unmounted = true;
      cleanUp();
    };
  }, []);

  return start;
}
