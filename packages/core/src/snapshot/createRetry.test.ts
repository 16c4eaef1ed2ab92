import { createFakeDelivery, deferred } from '@private-video/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { PrivateVideoError } from '../errors/PrivateVideoError.js';
import { SessionClient } from '../session/SessionClient.js';
import { createRetry } from './createRetry.js';

function setup() {
  const delivery = createFakeDelivery();
  const client = new SessionClient({ fetch: delivery.fetch, storage: null, sleep: async () => {} });
  return { delivery, session: client.video({ videoId: 'vi1', privateToken: 'pt1' }) };
}

const spent = new PrivateVideoError('token-used', 'spent');

describe('createRetry', () => {
  it('restarts at once after a failure a new start may not meet', () => {
    const { delivery, session } = setup();
    const restart = vi.fn();
    createRetry(new PrivateVideoError('network', 'offline'), session, undefined, () => undefined, restart)!();
    expect(restart).toHaveBeenCalledTimes(1);
    expect(delivery.requests).toEqual([]);
  });

  it('renews a spent token through the latest getPrivateToken, which the restarted open joins', async () => {
    const { delivery, session } = setup();
    const first = vi.fn(async () => 'pt-first');
    const latest = vi.fn(async () => 'pt2');
    let opened: Promise<unknown> | undefined;
    // The restarted player opens the session with the getPrivateToken it was given.
    createRetry(
      spent,
      session,
      first,
      () => latest,
      () => (opened = session.open({ getPrivateToken: first })),
    )!();
    await expect(opened).resolves.toMatchObject({ token: 'st-1' });
    expect(first).not.toHaveBeenCalled();
    expect(latest).toHaveBeenCalledTimes(1);
    expect(delivery.requests).toEqual(['https://vod.api.video/vod/vi1/token/pt2/session']);
    expect(session.getState()).toMatchObject({ status: 'open', ref: { privateToken: 'pt2' } });
  });

  it('restarts while a slow getPrivateToken renews (the player shows its session opening), and its open joins', async () => {
    const { delivery, session } = setup();
    const token = deferred<string>();
    const getPrivateToken = vi.fn(() => token.promise);
    const restarted: string[] = [];
    let opened: Promise<unknown> | undefined;
    createRetry(
      spent,
      session,
      getPrivateToken,
      () => getPrivateToken,
      () => {
        restarted.push(session.getState().status);
        opened = session.open({ getPrivateToken });
      },
    )!();
    expect(restarted).toEqual(['renewing']); // at once, the renewal under way
    token.resolve('pt2');
    await expect(opened).resolves.toMatchObject({ token: 'st-1' });
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    expect(delivery.requests).toEqual(['https://vod.api.video/vod/vi1/token/pt2/session']);
  });

  it("leaves a renewal that fails to the restarted player's open, and no rejection unhandled", async () => {
    const { session } = setup();
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    let opened: Promise<unknown> | undefined;
    createRetry(
      spent,
      session,
      async () => 'pt2',
      () => () => Promise.reject(new Error('backend down')),
      () => (opened = session.open()),
    )!();
    await expect(opened).rejects.toMatchObject({ code: 'renewal-failed' });
    expect(session.getState()).toMatchObject({ status: 'error', error: { code: 'renewal-failed' } });
    // Unhandled rejections are told once the microtasks have run, before the next macrotask.
    await new Promise((resolve) => setImmediate(resolve));
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('offers nothing where trying again cannot help, or a spent token cannot be renewed', () => {
    const { session } = setup();
    const restart = vi.fn();
    expect(createRetry(spent, session, undefined, () => undefined, restart)).toBeUndefined();
    const forbidden = new PrivateVideoError('forbidden', 'domain');
    expect(
      createRetry(
        forbidden,
        session,
        async () => 'pt2',
        () => undefined,
        restart,
      ),
    ).toBeUndefined();
    expect(restart).not.toHaveBeenCalled();
  });

  it('renews nothing when the session lives by then: another player of the video renewed it', async () => {
    const { delivery, session } = setup();
    await session.open();
    const getPrivateToken = vi.fn(async () => `pt${getPrivateToken.mock.calls.length + 2}`);
    const restart = vi.fn();
    const retry = createRetry(
      new PrivateVideoError('renewal-failed', 'backend down'),
      session,
      getPrivateToken,
      () => getPrivateToken,
      restart,
    )!;
    await session.renew({ getPrivateToken }); // meanwhile, another player's renewal worked
    retry();
    expect(restart).toHaveBeenCalledTimes(1);
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    expect(delivery.requests).toHaveLength(2);
  });

  it('renews a session that expired by the clock while its state still says open (no request met it yet)', async () => {
    let time = 0;
    const delivery = createFakeDelivery();
    const client = new SessionClient({
      fetch: delivery.fetch,
      storage: null,
      sleep: async () => {},
      now: () => time,
      sessionTtl: 1_000,
    });
    const session = client.video({ videoId: 'vi1', privateToken: 'pt1' });
    await session.open();
    time = 1_000;
    const getPrivateToken = vi.fn(async () => 'pt2');
    const restarted: string[] = [];
    createRetry(
      new PrivateVideoError('session-expired', 'ended'),
      session,
      getPrivateToken,
      () => getPrivateToken,
      () => restarted.push(session.getState().status),
    )!();
    expect(restarted).toEqual(['renewing']);
    await expect(session.open()).resolves.toMatchObject({ token: 'st-2' });
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
  });

  it('spends no second token when it runs again after its renewal (a second click), nor for two clicks at once', async () => {
    const { delivery, session } = setup();
    const getPrivateToken = vi.fn(async () => 'pt2');
    const restart = vi.fn();
    const retry = createRetry(spent, session, getPrivateToken, () => getPrivateToken, restart)!;
    retry();
    retry(); // joins the renewal under way
    expect(restart).toHaveBeenCalledTimes(2);
    await session.open(); // as the restarted player does: it joins the renewal
    retry();
    expect(restart).toHaveBeenCalledTimes(3);
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    expect(delivery.requests).toEqual(['https://vod.api.video/vod/vi1/token/pt2/session']);
  });

  it('lets what restart throws reach its caller, the renewal under way all the same', async () => {
    const { session } = setup();
    const bug = new Error('a bug in the restart');
    const retry = createRetry(
      spent,
      session,
      async () => 'pt2',
      () => async () => 'pt2',
      () => {
        throw bug;
      },
    )!;
    expect(retry).toThrow(bug);
    await expect(session.open()).resolves.toMatchObject({ token: 'st-1' });
  });
});
