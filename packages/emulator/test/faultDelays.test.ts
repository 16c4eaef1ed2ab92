import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Emulator } from '../src/startEmulator.js';
import { MAX_LATENCY_MS } from '../src/validateLatency.js';
import { emulatorForTest } from './helpers.js';

interface Wait {
  ms: number;
  /** Ends the wait as if its time had passed. */
  release(): void;
}

// Every wait the emulator starts is held until the test releases it: no test sleeps, and each can see
// how long the emulator meant to wait, and that nothing was answered meanwhile.
const timers = vi.hoisted(() => {
  const started: Wait[] = [];
  const watchers: { index: number; resolve: (wait: Wait) => void }[] = [];
  return {
    started,
    watchers,
    start(wait: Wait) {
      started.push(wait);
      for (const watcher of watchers) if (watcher.index === started.length - 1) watcher.resolve(wait);
    },
    /** The next wait the emulator starts after this call. */
    next(): Promise<Wait> {
      const index = started.length;
      return new Promise((resolve) => watchers.push({ index, resolve }));
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
      timers.start({ ms, release: () => resolve(value) });
    })) as typeof actual.setTimeout;
  return { ...actual, setTimeout };
});

beforeEach(() => {
  timers.started.length = 0;
  timers.watchers.length = 0;
});

describe('faults with delayMs', () => {
  it('hold matching requests for delayMs after the latency, then let the rules answer', async () => {
    const emulator = await emulatorForTest({ latencyMs: 40 });
    emulator.addFault({ match: { kind: 'session' }, delayMs: 5000 });
    const { urls } = emulator.mintToken('viPrivateTs');
    const next = timers.next();
    const pending = fetch(urls.session);
    const latency = await next;
    expect(latency.ms).toBe(40);
    const nextAfterLatency = timers.next();
    latency.release();
    const faultDelay = await nextAfterLatency;
    expect(faultDelay.ms).toBe(5000);
    expect(emulator.log()).toEqual([]);
    faultDelay.release();
    const response = await pending;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ session_token: expect.any(String) });
    expect(emulator.log().map((entry) => [entry.status, entry.rule])).toEqual([[200, 'session-opened']]);
    expect(emulator.faults()).toMatchObject([{ delayMs: 5000, matched: 1, served: 1 }]);
  });

  it('with a status, answer with it once the delay is over, without spending the token', async () => {
    const emulator = await emulatorForTest();
    emulator.addFault({ match: { kind: 'session' }, delayMs: 3000, status: 503, count: 1 });
    const { urls } = emulator.mintToken('viPrivateTs');
    const next = timers.next();
    const pending = fetch(urls.session);
    const faultDelay = await next;
    expect(faultDelay.ms).toBe(3000);
    expect(emulator.log()).toEqual([]);
    faultDelay.release();
    const response = await pending;
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('');
    expect((await fetch(urls.session)).status).toBe(200);
    expect(timers.started).toHaveLength(1);
    expect(emulator.log().map((entry) => [entry.status, entry.rule])).toEqual([
      [503, 'fault'],
      [200, 'session-opened'],
    ]);
  });

  it('honour after and count: only the requests they select wait', async () => {
    const emulator = await emulatorForTest();
    emulator.addFault({ match: { kind: 'thumbnail' }, delayMs: 1000, after: 1, count: 1 });
    const thumbnail = `${emulator.url}/vod/viPublicTs/thumbnail.jpg`;
    expect((await fetch(thumbnail)).status).toBe(200);
    expect(timers.started).toHaveLength(0);
    const next = timers.next();
    const pending = fetch(thumbnail);
    (await next).release();
    expect((await pending).status).toBe(200);
    expect((await fetch(thumbnail)).status).toBe(200);
    expect(timers.started.map((wait) => wait.ms)).toEqual([1000]);
    expect(emulator.faults()).toMatchObject([{ matched: 2, served: 1 }]);
  });

  it('a delay-only fault lets the next matching fault answer', async () => {
    const emulator = await emulatorForTest();
    emulator.addFault({ match: { kind: 'segment' }, delayMs: 500 });
    emulator.addFault({ match: { path: 'seg_001' }, status: 404 });
    const next = timers.next();
    const pending = fetch(`${emulator.url}/vod/viPublicTs/hls/v0/seg_001.ts`);
    (await next).release();
    expect((await pending).status).toBe(404);
    expect(emulator.faults()).toMatchObject([{ served: 1 }, { served: 1 }]);
  });

  it('the delays of all matching faults add up, and every fault counts its matches, whichever was added first', async () => {
    const emulator = await emulatorForTest();
    emulator.addFault({ match: { path: 'seg_001' }, status: 404 });
    emulator.addFault({ match: { kind: 'segment' }, delayMs: 300 });
    emulator.addFault({ match: { kind: 'segment' }, delayMs: 200, after: 1 });
    // Due on seg_001 too, but the 404 answers it: this one waits its turn, its count unspent.
    emulator.addFault({ match: { kind: 'segment' }, status: 503, count: 1 });
    const segment = (n: number) => `${emulator.url}/vod/viPublicTs/hls/v0/seg_00${n}.ts`;
    // The 404 fault, added first, still waits for the delay faults added after it.
    const answered = fetch(segment(1));
    await vi.waitFor(() => expect(timers.started.map((wait) => wait.ms)).toEqual([300]));
    timers.started[0]?.release();
    expect((await answered).status).toBe(404);
    // The third fault let seg_001 through as its `after`: it delays seg_002.
    const delayed = fetch(segment(2));
    await vi.waitFor(() => expect(timers.started.map((wait) => wait.ms)).toEqual([300, 500]));
    timers.started[1]?.release();
    expect((await delayed).status).toBe(503);
    expect(emulator.faults()).toMatchObject([
      { matched: 1, served: 1 },
      { matched: 2, served: 2 },
      { matched: 2, served: 1 },
      { matched: 2, served: 1 },
    ]);
  });

  it('delays adding up past what Node timers hold wait the longest they hold, not 1 ms', async () => {
    const emulator = await emulatorForTest();
    emulator.addFault({ match: { kind: 'thumbnail' }, delayMs: MAX_LATENCY_MS });
    emulator.addFault({ match: { kind: 'thumbnail' }, delayMs: 1 });
    const next = timers.next();
    const pending = fetch(`${emulator.url}/vod/viPublicTs/thumbnail.jpg`);
    const wait = await next;
    expect(wait.ms).toBe(MAX_LATENCY_MS);
    wait.release();
    expect((await pending).status).toBe(200);
  });

  it('a delay before a hang: a client gone meanwhile is logged as soon as the hang starts', async () => {
    const emulator = await emulatorForTest();
    emulator.addFault({ match: { kind: 'session' }, delayMs: 2000 });
    emulator.addFault({ match: { kind: 'session' }, hang: true });
    const { urls } = emulator.mintToken('viPrivateTs');
    const giveUp = new AbortController();
    const arrived = once(emulator.server, 'request') as Promise<[IncomingMessage, ServerResponse]>;
    const next = timers.next();
    const pending = fetch(urls.session, { signal: giveUp.signal }).catch((error: unknown) => error);
    const [, res] = await arrived;
    const faultDelay = await next;
    const left = once(res, 'close');
    giveUp.abort();
    await pending;
    await left;
    expect(emulator.log()).toEqual([]);
    faultDelay.release();
    // Everything after the release is promise callbacks: they have all run once an immediate comes.
    await new Promise(setImmediate);
    expect(emulator.log().map((entry) => [entry.status, entry.rule])).toEqual([[0, 'fault-hang']]);
  });
});

describe('reset() drops requests still waiting, so none is answered into the next state', () => {
  it('a request waiting out its fault delay runs no rule and is not logged', async () => {
    const emulator = await emulatorForTest();
    emulator.addFault({ match: { kind: 'session' }, delayMs: 60_000 });
    const { urls } = emulator.mintToken('viPrivateTs');
    const next = timers.next();
    const pending = fetch(urls.session).catch((error: unknown) => error);
    await next;
    emulator.reset();
    expect(await pending).toBeInstanceOf(TypeError);
    expect(emulator.log()).toEqual([]);
  });

  it('a request waiting out the latency too', async () => {
    const emulator = await emulatorForTest({ latencyMs: 60_000 });
    const next = timers.next();
    const pending = fetch(`${emulator.url}/vod/viPublicTs/thumbnail.jpg`).catch((error: unknown) => error);
    await next;
    emulator.reset();
    expect(await pending).toBeInstanceOf(TypeError);
    expect(emulator.log()).toEqual([]);
    // The reset emulator answers at once again (latency 0), and logs only what came after.
    expect((await fetch(`${emulator.url}/vod/viPublicTs/thumbnail.jpg`)).status).toBe(200);
    expect(emulator.log().map((entry) => entry.rule)).toEqual(['public']);
  });
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
