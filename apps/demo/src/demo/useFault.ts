import { EmulatorControlError, type FaultSpec } from '@private-video/emulator/control';
import { useEffect, useState } from 'react';
import { control } from './emulator';

export type FaultStatus = { status: 'injecting' } | { status: 'ready' } | { status: 'failed'; error: Error };

/**
 * Keeps one fault injected in the emulator while the component is mounted (and `spec` unchanged);
 * `ready` once it is in place, so a player started after that is sure to meet it.
 */
export function useFault(spec: FaultSpec): FaultStatus {
  const [result, setResult] = useState<{ key: string; error?: Error }>();
  const key = JSON.stringify(spec);

  useEffect(() => {
    let cancelled = false;
    let id: string | undefined;
    const wanted = JSON.parse(key) as FaultSpec;
    removeStaleFaults(wanted.match.videoId)
      .then(() => control.addFault(wanted))
      .then(
        (added) => {
          if (cancelled) control.removeFault(added.id).catch(() => {});
          else {
            id = added.id;
            setResult({ key });
          }
        },
        // Said on the stage rather than left as an unhandled rejection behind "Injecting the fault…".
        (error: Error) => !cancelled && setResult({ key, error }),
      );
    return () => {
      cancelled = true;
      if (id !== undefined) control.removeFault(id).catch(() => {});
    };
  }, [key]);

  if (result?.key !== key) return { status: 'injecting' };
  return result.error ? { status: 'failed', error: result.error } : { status: 'ready' };
}

/**
 * A closed or reloaded tab never runs React's cleanup, so its fault stays in the emulator (with its
 * `after` count spent). Faults on this story's video are removed before a new one goes in.
 */
async function removeStaleFaults(videoId: string | undefined): Promise<void> {
  if (videoId === undefined) return;
  const faults = await control.faults();
  await Promise.all(faults.filter((fault) => fault.match.videoId === videoId).map(removeIfPresent));
}

/** 404 is success here: the previous player's cleanup may remove the same fault at the same moment. */
async function removeIfPresent({ id }: { id: string }): Promise<void> {
  try {
    await control.removeFault(id);
  } catch (error) {
    if (!(error instanceof EmulatorControlError && error.status === 404)) throw error;
  }
}
