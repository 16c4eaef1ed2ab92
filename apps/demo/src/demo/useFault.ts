import type { FaultSpec } from '@private-video/emulator/control';
import { useEffect, useState } from 'react';
import { control, emulatorUrl } from './emulator';

/**
 * Keeps one fault injected in the emulator while the component is mounted (and `spec` unchanged);
 * returns true once it is in place, so a player started after that is sure to meet it.
 */
export function useFault(spec: FaultSpec): boolean {
  const [installed, setInstalled] = useState<string>();
  const key = JSON.stringify(spec);

  useEffect(() => {
    let cancelled = false;
    let id: string | undefined;
    const wanted = JSON.parse(key) as FaultSpec;
    removeStaleFaults(wanted.match.videoId)
      .then(() => control.addFault(wanted))
      .then((added) => {
        if (cancelled) control.removeFault(added.id).catch(() => {});
        else {
          id = added.id;
          setInstalled(key);
        }
      });
    return () => {
      cancelled = true;
      if (id !== undefined) control.removeFault(id).catch(() => {});
    };
  }, [key]);

  return installed === key;
}

/**
 * A closed or reloaded tab never runs React's cleanup, so its fault stays in the emulator (with its
 * `after` count spent). Faults on this story's video are removed before a new one goes in.
 * `GET /__emulator/faults` exists, but the control client has no method for it yet.
 */
async function removeStaleFaults(videoId: string | undefined): Promise<void> {
  if (videoId === undefined) return;
  const response = await fetch(`${emulatorUrl}/__emulator/faults`, { cache: 'no-store' });
  const faults = (await response.json()) as (FaultSpec & { id: string })[];
  await Promise.all(
    faults.filter((fault) => fault.match.videoId === videoId).map((fault) => control.removeFault(fault.id)),
  );
}
