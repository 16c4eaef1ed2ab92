import { PrivateVideoError } from '@private-video/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiVideoClient } from './createApiVideoClient.js';
import { openSession } from './openSession.js';
import {
  createClock,
  createFakeApi,
  createFakeDelivery,
  json,
  liveObject,
  videoObject,
} from './test-utils/fakeApi.js';
import { listenedSignal } from './test-utils/listenedSignal.js';

afterEach(() => {
  vi.useRealTimers();
});

/** A delivery that never answers: only the request's signal can end it. `first`: the first request's signal. */
function hangingDelivery() {
  let reached!: (signal: AbortSignal | undefined) => void;
  const first = new Promise<AbortSignal | undefined>((resolve) => {
    reached = resolve;
  });
  const fetch = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    reached(init?.signal ?? undefined);
    return new Promise<Response>((_, reject) => {
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
    });
  });
  return { fetch, first };
}

const day = 24 * 60 * 60 * 1000;

/**
 * Node's `AbortSignal.timeout` runs on timers of its own, which fake timers leave alone: this one runs on
 * the (faked) `setTimeout`, so a test moves its time by hand.
 */
function fakeTimeoutSignals() {
  vi.useFakeTimers();
  return vi.spyOn(AbortSignal, 'timeout').mockImplementation((ms) => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')), ms);
    return controller.signal;
  });
}

describe('openSession', () => {
  it('takes `signal: null`, as `fetch` does (plain JS passes it)', async () => {
    const delivery = createFakeDelivery();
    const result = await openSession(videoObject('viPrivate', false, 'pt1'), {
      fetch: delivery.fetch,
      signal: null,
    });
    expect(result).toMatchObject({ videoId: 'viPrivate', privateToken: 'pt1' });
  });

  it('opens the session of a private token once and signs every asset with it', async () => {
    const delivery = createFakeDelivery();
    const clock = createClock();
    const result = await openSession(videoObject('viPrivate', false, 'pt1'), {
      fetch: delivery.fetch,
      now: clock.now,
    });
    expect(delivery.requests).toEqual(['https://vod.api.video/vod/viPrivate/token/pt1/session']);
    expect(result).toEqual({
      videoId: 'viPrivate',
      privateToken: 'pt1',
      live: false,
      session: { token: 'st-1', expiresAt: clock.now() + day },
      assets: {
        thumbnail: 'https://vod.api.video/vod/viPrivate/token/pt1/thumbnail.jpg?avh=st-1',
        hls: 'https://vod.api.video/vod/viPrivate/token/pt1/hls/manifest.m3u8?avh=st-1',
        mp4: 'https://vod.api.video/vod/viPrivate/token/pt1/mp4/source.mp4?avh=st-1',
      },
    });
  });

  it('takes a source from getPrivateVideoSource, keeping its delivery origin', async () => {
    const api = createFakeApi();
    const client = createApiVideoClient({ apiKey: api.apiKey, fetch: api.fetch });
    const source = await client.getPrivateVideoSource('viPrivate');
    const local = {
      ...source,
      assets: { hls: source.assets.hls!.replace('https://vod.api.video', 'http://127.0.0.1:4010') },
    };
    const delivery = createFakeDelivery();
    const result = await openSession(local, { fetch: delivery.fetch });
    expect(delivery.requests).toEqual([
      `http://127.0.0.1:4010/vod/viPrivate/token/${source.privateToken}/session`,
    ]);
    expect(result.assets.hls).toBe(
      `http://127.0.0.1:4010/vod/viPrivate/token/${source.privateToken}/hls/manifest.m3u8?avh=st-1`,
    );
  });

  it("opens a URL's session only on api.video's delivery or the domains given: no request to any other address", async () => {
    const delivery = createFakeDelivery();
    for (const url of [
      'http://169.254.169.254/vod/viPrivate/token/pt1/thumbnail.jpg',
      'https://vod.api.video.evil.example/vod/viPrivate/token/pt1/hls/manifest.m3u8',
      'http://127.0.0.1:4010/private/pt1/liPrivate.m3u8',
    ]) {
      const error = await openSession(url, { fetch: delivery.fetch }).catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(PrivateVideoError);
      expect(error).toMatchObject({ code: 'invalid-source', message: expect.stringContaining('`domains`') });
    }
    expect(delivery.fetch).not.toHaveBeenCalled();
  });

  it("opens a URL's session on api.video's delivery, on the domains given, and from an embed URL", async () => {
    const delivery = createFakeDelivery();
    await openSession('https://vod.api.video/vod/viPrivate/token/pt1/hls/manifest.m3u8', {
      fetch: delivery.fetch,
    });
    const domains = { vod: 'http://127.0.0.1:4010', live: 'http://127.0.0.1:4011' };
    await openSession('http://127.0.0.1:4010/vod/viPrivate/token/pt2/mp4/source.mp4', {
      fetch: delivery.fetch,
      domains,
    });
    await openSession('http://127.0.0.1:4011/private/pt3/liPrivate.m3u8', { fetch: delivery.fetch, domains });
    await openSession('https://embed.api.video/vod/viPrivate?token=pt4', { fetch: delivery.fetch, domains });
    expect(delivery.requests).toEqual([
      'https://vod.api.video/vod/viPrivate/token/pt1/session',
      'http://127.0.0.1:4010/vod/viPrivate/token/pt2/session',
      'http://127.0.0.1:4011/private/pt3/liPrivate/session',
      'http://127.0.0.1:4010/vod/viPrivate/token/pt4/session',
    ]);
  });

  it('signs a public URL on any origin, as it requests nothing', async () => {
    const delivery = createFakeDelivery();
    const result = await openSession('https://cdn.example.com/vod/viPublic/hls/manifest.m3u8', {
      fetch: delivery.fetch,
    });
    expect(result).toMatchObject({ session: null, privateToken: undefined });
    expect(delivery.fetch).not.toHaveBeenCalled();
  });

  it('opens live stream sessions, which have no mp4', async () => {
    const delivery = createFakeDelivery();
    const result = await openSession(
      {
        videoId: 'liPrivate',
        privateToken: 'pt1',
        public: false,
        live: true,
        assets: liveObject('liPrivate', false, 'pt1').assets,
      },
      { fetch: delivery.fetch },
    );
    expect(delivery.requests).toEqual(['https://live.api.video/private/pt1/liPrivate/session']);
    expect(result).toMatchObject({ live: true, session: { token: 'st-1' } });
    expect(result.assets).toEqual({
      thumbnail: 'https://live.api.video/private/pt1/liPrivate/thumbnail.jpg?avh=st-1',
      hls: 'https://live.api.video/private/pt1/liPrivate.m3u8?avh=st-1',
      mp4: undefined,
    });
  });

  it('needs no session for a public video', async () => {
    const delivery = createFakeDelivery();
    const result = await openSession(videoObject('viPublic', true, 'unused'), { fetch: delivery.fetch });
    expect(delivery.fetch).not.toHaveBeenCalled();
    expect(result).toMatchObject({ session: null, privateToken: undefined });
    expect(result.assets.hls).toBe('https://vod.api.video/vod/viPublic/hls/manifest.m3u8');
  });

  it('fails with token-used when the private token was already spent', async () => {
    const delivery = createFakeDelivery();
    const source = videoObject('viPrivate', false, 'pt1');
    await openSession(source, { fetch: delivery.fetch });
    const error = await openSession(source, { fetch: delivery.fetch }).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(PrivateVideoError);
    expect(error).toMatchObject({ code: 'token-used' });
  });

  it('stops the /session request itself when the signal aborts', async () => {
    const delivery = hangingDelivery();
    const controller = new AbortController();
    const opening = openSession(videoObject('viPrivate', false, 'pt1'), {
      fetch: delivery.fetch,
      signal: controller.signal,
    }).catch((reason: unknown) => reason);
    const signal = await delivery.first;
    expect(signal).toBeInstanceOf(AbortSignal);
    controller.abort();
    expect(await opening).toMatchObject({ code: 'aborted' });
    expect(signal?.aborted).toBe(true);
  });

  it('sends no /session request after the signal aborts: core retries the aborted attempt, and must not reach fetch', async () => {
    const delivery = hangingDelivery();
    const controller = new AbortController();
    const opening = openSession(videoObject('viPrivate', false, 'pt1'), {
      fetch: delivery.fetch,
      signal: controller.signal,
      sleep: async () => {},
    }).catch((reason: unknown) => reason);
    await delivery.first;
    controller.abort();
    expect(await opening).toMatchObject({ code: 'aborted' });
    await new Promise<void>((resolve) => setImmediate(resolve)); // core's retry runs on after the rejection
    expect(delivery.fetch).toHaveBeenCalledTimes(1);
  });

  it('gives up a /session request that does not answer within timeout, after the retries', async () => {
    const delivery = hangingDelivery();
    const opening = openSession(videoObject('viPrivate', false, 'pt1'), {
      fetch: delivery.fetch,
      timeout: 5,
      retry: { retries: 1 },
      sleep: async () => {},
    }).catch((reason: unknown) => reason);
    // Without a signal on the request, nothing could ever end it.
    expect(await delivery.first).toBeInstanceOf(AbortSignal);
    expect(await opening).toMatchObject({ code: 'network' });
    expect(delivery.fetch).toHaveBeenCalledTimes(2);
  });

  it('waits for a /session answer as long as a timeout over 10 s says', async () => {
    fakeTimeoutSignals();
    const delivery = hangingDelivery();
    let settled = false;
    const opening = openSession(videoObject('viPrivate', false, 'pt1'), {
      fetch: delivery.fetch,
      timeout: 30_000,
      retry: { retries: 0 },
    })
      .catch((reason: unknown) => reason)
      .finally(() => {
        settled = true;
      });
    await delivery.first;
    await vi.advanceTimersByTimeAsync(29_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await opening).toMatchObject({ code: 'network' });
  });

  it.each([
    [Infinity, 2 ** 31 - 1],
    [-1, 10_000],
    [Number.NaN, 10_000],
    [1_500.5, 1_501],
  ])('reads timeout %s as %s ms, rather than failing every attempt', async (timeout, used) => {
    const timeouts = vi.spyOn(AbortSignal, 'timeout');
    const delivery = createFakeDelivery();
    const result = await openSession(videoObject('viPrivate', false, 'pt1'), {
      fetch: delivery.fetch,
      timeout,
      retry: { retries: 0 },
    });
    expect(result.session).toMatchObject({ token: 'st-1' });
    expect(new Set(timeouts.mock.calls.flat())).toEqual(new Set([used]));
  });

  it('leaves no listener on a signal the caller keeps when the source is invalid', async () => {
    const { signal, listening } = listenedSignal();
    const delivery = createFakeDelivery();
    const error = await openSession('https://example.com/not-a-video', {
      fetch: delivery.fetch,
      signal,
    }).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ code: 'invalid-source' });
    expect(delivery.fetch).not.toHaveBeenCalled();
    expect(listening.size).toBe(0);
  });

  it('keeps the default retry bound for retry options given as undefined', async () => {
    let calls = 0;
    const delivery = async () => {
      calls += 1;
      // More failures than the default 2 retries, then a session: only unbounded retries reach it.
      return calls <= 5 ? new Response('Busy', { status: 503 }) : json({ session_token: 'st-1' });
    };
    const error = await openSession(videoObject('viPrivate', false, 'pt1'), {
      fetch: delivery,
      retry: { retries: undefined },
      sleep: async () => {},
    }).catch((reason: unknown) => reason);
    expect(error).toMatchObject({ code: 'server' });
    expect(calls).toBe(3);
  });

  it.each([
    ['NaN (an unset environment variable)', Number.NaN],
    ['negative', -1],
  ])('waits the default backoff between retries for retry delays that are %s', async (_, delay) => {
    let calls = 0;
    const sleeps: number[] = [];
    const delivery = async () => {
      calls += 1;
      return calls === 1 ? new Response('Busy', { status: 503 }) : json({ session_token: 'st-1' });
    };
    await openSession(videoObject('viPrivate', false, 'pt1'), {
      fetch: delivery,
      retry: { baseDelay: delay, maxDelay: delay },
      sleep: async (ms) => void sleeps.push(ms),
    });
    expect(sleeps).toHaveLength(1);
    // The default 300 ms, with its jitter: never no wait at all.
    expect(sleeps[0]).toBeGreaterThan(0);
    expect(sleeps[0]).toBeLessThanOrEqual(300);
  });
});
