import { createFakeDelivery } from '@private-video/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { SessionClient } from '../session/SessionClient.js';
import { checkSessionWithin, type SessionCheckOptions } from './checkSessionWithin.js';

const base = 'https://vod.api.video/vod/vi1/token/pt1';

/** A session that is open, a probe `fetch` the test answers, and timers that only fire when it says so. */
function setup(fetch: SessionCheckOptions['fetch']) {
  const client = new SessionClient({ fetch: createFakeDelivery().fetch, storage: null });
  const session = client.video({ videoId: 'vi1', privateToken: 'pt1' });
  session.setSession({ token: 'st-0' });
  const timers: { callback: () => void; ms: number; cleared: boolean }[] = [];
  const teardown = new AbortController();
  const options: SessionCheckOptions = {
    fetch,
    sessionCheckTimeout: 5_000,
    sign: (url) => `${url}?avh=st-0`,
    signal: teardown.signal,
    setTimeout: (callback, ms) => timers.push({ callback, ms, cleared: false }) - 1,
    clearTimeout: (handle) => {
      timers[handle as number]!.cleared = true;
    },
  };
  return { session, timers, teardown, options };
}

/** A probe that never answers, until its request is aborted; `signals` are those it was given. */
function hangingFetch() {
  const signals: AbortSignal[] = [];
  const fetch = vi.fn((_input: RequestInfo | URL, init?: RequestInit) => {
    signals.push(init!.signal!);
    return new Promise<Response>(() => {});
  });
  return { fetch, signals };
}

describe('checkSessionWithin', () => {
  it('probes with the signed manifest, uncached, and clears its timer once answered', async () => {
    const fetch = vi.fn(async () => new Response('', { status: 403 }));
    const { session, timers, options } = setup(fetch);
    await expect(checkSessionWithin(session, `${base}/hls/x.ts`, options)).resolves.toBe('dead');
    expect(fetch).toHaveBeenCalledWith(
      `${base}/hls/manifest.m3u8?avh=st-0`,
      expect.objectContaining({ cache: 'no-store' }),
    );
    expect(timers.map(({ ms, cleared }) => ({ ms, cleared }))).toEqual([{ ms: 5_000, cleared: true }]);
  });

  it('counts a probe unanswered at its timeout as unreachable, and aborts its request', async () => {
    const { fetch, signals } = hangingFetch();
    const { session, timers, options } = setup(fetch);
    const check = checkSessionWithin(session, `${base}/hls/x.ts`, options);
    await vi.waitFor(() => expect(signals).toHaveLength(1));
    timers[0]!.callback();
    await expect(check).resolves.toBe('unreachable');
    expect(signals[0]!.aborted).toBe(true);
  });

  it('says nothing (alive) once the teardown aborted it, and leaves no timer', async () => {
    const { fetch, signals } = hangingFetch();
    const { session, timers, teardown, options } = setup(fetch);
    const check = checkSessionWithin(session, `${base}/hls/x.ts`, options);
    await vi.waitFor(() => expect(signals).toHaveLength(1));
    teardown.abort();
    await expect(check).resolves.toBe('alive');
    expect(signals[0]!.aborted).toBe(true);
    expect(timers.map((timer) => timer.cleared)).toEqual([true]);
  });

  it.each([
    [0, 10_000],
    [Number.NaN, 10_000],
    [-1, 10_000],
    [Number.POSITIVE_INFINITY, 2 ** 31 - 1],
    [2.5, 3],
  ])('reads a sessionCheckTimeout of %s as a duration: %s ms', async (given, ms) => {
    const fetch = vi.fn(async () => new Response('', { status: 200 }));
    const { session, timers, options } = setup(fetch);
    await checkSessionWithin(session, `${base}/hls/x.ts`, { ...options, sessionCheckTimeout: given });
    expect(timers.map((timer) => timer.ms)).toEqual([ms]);
  });

  it("counts an app's fetch that throws at once as unreachable, as one that rejects", async () => {
    const { session, options } = setup(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(checkSessionWithin(session, `${base}/hls/x.ts`, options)).resolves.toBe('unreachable');
  });
});
