import { createFakeDelivery } from '@private-video/test-utils';
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

  it('renews a spent token through the latest getPrivateToken first, then restarts', async () => {
    const { delivery, session } = setup();
    const first = vi.fn(async () => 'pt-first');
    const latest = vi.fn(async () => 'pt2');
    const restarted = new Promise<void>((resolve) => {
      createRetry(spent, session, first, () => latest, resolve)!();
    });
    await restarted;
    expect(first).not.toHaveBeenCalled();
    expect(latest).toHaveBeenCalledTimes(1);
    expect(delivery.requests).toEqual(['https://vod.api.video/vod/vi1/token/pt2/session']);
    expect(session.getState()).toMatchObject({ status: 'open', ref: { privateToken: 'pt2' } });
  });

  it('restarts after a renewal that failed too, which the restart then shows', async () => {
    const { session } = setup();
    await new Promise<void>((resolve) => {
      createRetry(
        spent,
        session,
        async () => 'pt2',
        () => () => Promise.reject(new Error('backend down')),
        resolve,
      )!();
    });
    expect(session.getState()).toMatchObject({ status: 'error', error: { code: 'renewal-failed' } });
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

  it('spends no second token when it runs again after its renewal (a second click), nor for two clicks at once', async () => {
    const { delivery, session } = setup();
    const getPrivateToken = vi.fn(async () => 'pt2');
    const restart = vi.fn();
    const retry = createRetry(spent, session, getPrivateToken, () => getPrivateToken, restart)!;
    retry();
    retry(); // joins the renewal under way
    await vi.waitFor(() => expect(restart).toHaveBeenCalledTimes(2));
    retry();
    expect(restart).toHaveBeenCalledTimes(3);
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    expect(delivery.requests).toEqual(['https://vod.api.video/vod/vi1/token/pt2/session']);
  });

  it('reports what restart throws after a renewal, rather than leaving an unhandled rejection', async () => {
    const { session } = setup();
    const bug = new Error('a bug in the restart');
    const reported = new Promise<unknown>((resolve) => vi.stubGlobal('reportError', resolve));
    createRetry(
      spent,
      session,
      async () => 'pt2',
      () => async () => 'pt2',
      () => {
        throw bug;
      },
    )!();
    await expect(reported).resolves.toBe(bug);
    vi.unstubAllGlobals();
  });
});
