import { once } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { startEmulator } from '../src/startEmulator.js';
import { rawRequest } from './helpers.js';

// Every latency wait the emulator starts, and whether it is still pending (a live timer).
const waits = vi.hoisted(() => [] as { settled: boolean }[]);
vi.mock('node:timers/promises', async (importOriginal) => {
  const timers = await importOriginal<typeof import('node:timers/promises')>();
  const setTimeout: typeof timers.setTimeout = (...args) => {
    const wait = { settled: false };
    waits.push(wait);
    const promise = timers.setTimeout(...args);
    promise.then(
      () => {
        wait.settled = true;
      },
      () => {
        wait.settled = true;
      },
    );
    return promise;
  };
  return { ...timers, setTimeout };
});

describe('close()', () => {
  it('cancels requests still waiting out their latency: no timer outlives the emulator, no rule runs', async () => {
    const emulator = await startEmulator({ port: 0, latencyMs: 60_000 });
    const arrived = once(emulator.server, 'request');
    const pending = rawRequest(emulator.url, '/vod/viPublicTs/thumbnail.jpg').catch((error: Error) => error);
    await arrived;
    expect(waits).toHaveLength(1);
    await emulator.close();
    expect(await pending).toBeInstanceOf(Error);
    expect(waits.filter((wait) => !wait.settled)).toEqual([]);
    expect(emulator.log()).toEqual([]);
  });
});
