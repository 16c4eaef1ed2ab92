import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Emulator } from '../src/startEmulator.js';
import { emulatorForTest } from './helpers.js';

interface Wait {
  ms: number;
  /** Ends the wait as if its time had passed. */
  release(): void;
}

// Every wait the emulator starts is held until the test releases it: the client can leave during the
// wait for sure, and no test sleeps.
const timers = vi.hoisted(() => {
  const watchers: ((wait: Wait) => void)[] = [];
  return {
    watchers,
    /** The next wait the emulator starts after this call. */
    next(): Promise<Wait> {
      return new Promise((resolve) => watchers.push(resolve));
    },
  };
});
vi.mock('node:timers/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:timers/promises')>();
  const setTimeout = ((ms: number, value?: unknown, options?: { signal?: AbortSignal }) =>
    new Promise<unknown>((resolve, reject) => {
      const signal = options?.signal;
      if (signal?.aborted) return reject(signal.reason);
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      timers.watchers.shift()?.({ ms, release: () => resolve(value) });
    })) as typeof actual.setTimeout;
  return { ...actual, setTimeout };
});

beforeEach(() => {
  timers.watchers.length = 0;
});

/**
 * Opens `/session` for a fresh token, gives up while the emulator waits `ms`, then lets the wait end.
 * Resolves once the emulator has logged the request.
 */
async function giveUpDuringWait(emulator: Emulator, ms: number) {
  const minted = emulator.mintToken('viPrivateTs');
  const giveUp = new AbortController();
  const arrived = once(emulator.server, 'request') as Promise<[IncomingMessage, ServerResponse]>;
  const waiting = timers.next();
  const response = fetch(minted.urls.session, { signal: giveUp.signal }).catch((error: unknown) => error);
  const [, res] = await arrived;
  const wait = await waiting;
  expect(wait.ms).toBe(ms);
  const left = once(res, 'close');
  giveUp.abort();
  expect(await response).toMatchObject({ name: 'AbortError' });
  await left;
  // Gone before anything was decided: nothing ran, nothing is logged yet.
  expect(emulator.log()).toEqual([]);
  wait.release();
  await vi.waitFor(() => expect(emulator.log()).toHaveLength(1));
  return minted;
}

// Deliberate, and documented in the README: a real server that has received a request keeps going when
// its client disconnects. A client's timeout during a slow /session has still spent the token.
describe('a client that gives up while its request is delayed: the request still runs, as on a real server', () => {
  it("during a fault's delayMs: /session then opens a session and spends the token", async () => {
    const emulator = await emulatorForTest();
    emulator.addFault({ match: { kind: 'session' }, delayMs: 3000 });
    const { urls, privateToken } = await giveUpDuringWait(emulator, 3000);
    expect(emulator.log()).toEqual([
      expect.objectContaining({ kind: 'session', status: 200, rule: 'session-opened', privateToken }),
    ]);
    expect(emulator.faults()).toMatchObject([{ matched: 1, served: 1 }]);
    emulator.clearFaults();
    // The client never saw the session, yet the one-shot token is spent.
    expect((await fetch(urls.session)).status).toBe(404);
    expect(emulator.log().at(-1)).toMatchObject({ status: 404, rule: 'token-used' });
  });

  it('during the latency: the same', async () => {
    const emulator = await emulatorForTest({ latencyMs: 2000 });
    const { urls, privateToken } = await giveUpDuringWait(emulator, 2000);
    expect(emulator.log()).toEqual([
      expect.objectContaining({ kind: 'session', status: 200, rule: 'session-opened', privateToken }),
    ]);
    emulator.setLatency(0);
    expect((await fetch(urls.session)).status).toBe(404);
    expect(emulator.log().at(-1)).toMatchObject({ status: 404, rule: 'token-used' });
  });
});
