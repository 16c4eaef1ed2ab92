import { createFakeDelivery, deferred } from '@private-video/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryStorage } from './createMemoryStorage.js';
import { SessionClient, type SessionClientOptions } from './SessionClient.js';

const video = { videoId: 'vi1', privateToken: 'pt1' };
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function setup(options: SessionClientOptions = {}) {
  const delivery = createFakeDelivery();
  let time = 1_000_000;
  const clock = {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
  const client = new SessionClient({
    fetch: delivery.fetch,
    now: clock.now,
    storage: null,
    sleep: async () => {},
    random: () => 0.5,
    ...options,
  });
  return { client, delivery, clock };
}

describe('VideoSession over time', () => {
  it("an open with a getPrivateToken that joins a thumbnail's doomed renewal (expired, client has none) renews", async () => {
    const { client, clock } = setup();
    const session = client.video(video);
    session.setSession({ token: 'server-st', expiresAt: clock.now() + 1000 });
    clock.advance(2000);
    const thumbnail = session.open(); // no getPrivateToken anywhere: session-expired
    const getPrivateToken = vi.fn(async () => 'pt2');
    const player = session.open({ getPrivateToken });
    await expect(thumbnail).rejects.toMatchObject({ code: 'session-expired' });
    await expect(player).resolves.toMatchObject({ token: 'st-1' });
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
  });

  it('a renewal given the token another tab renewed to meanwhile (a cached token route) spends no /session on it', async () => {
    const storage = createMemoryStorage(); // the tabs' shared storage
    const { client, clock, delivery } = setup({ storage });
    const session = client.video(video);
    session.setSession({ token: 'old-st', expiresAt: clock.now() + 1000 });
    clock.advance(2000); // expired
    const minted = deferred<string>();
    const renewing = session.renew({ getPrivateToken: () => minted.promise });
    // The other tab renewed first, to pt2, and stored it: this tab's next open adopts it.
    const otherTab = new SessionClient({
      fetch: delivery.fetch,
      now: clock.now,
      storage,
      sleep: async () => {},
    });
    const others = await otherTab.renew(video, { getPrivateToken: async () => 'pt2' });
    await expect(session.open()).resolves.toEqual(others);
    minted.resolve('pt2'); // the token route answered from its cache: the token the other tab spent
    await expect(renewing).resolves.toEqual(others);
    expect(delivery.requests).toEqual(['https://vod.api.video/vod/vi1/token/pt2/session']);
  });

  it('an aborted caller of a renewal is turned away; the renewal goes on for the others', async () => {
    const { client, clock } = setup();
    const token = deferred<string>();
    const getPrivateToken = vi.fn(() => token.promise);
    const session = client.video(video);
    session.setSession({ token: 'server-st', expiresAt: clock.now() + 1000 });
    const abort = new AbortController();
    const first = session.renew({ getPrivateToken, signal: abort.signal });
    const second = session.renew({ getPrivateToken });
    abort.abort();
    await expect(first).rejects.toMatchObject({ code: 'aborted' });
    token.resolve('pt2');
    await expect(second).resolves.toMatchObject({ token: 'st-1' });
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
  });

  it('setGetPrivateToken changed while a renewal awaits: the next one uses the new', async () => {
    const { client, clock } = setup();
    const token = deferred<string>();
    const first = vi.fn(() => token.promise);
    client.setGetPrivateToken(first);
    const session = client.video(video);
    session.setSession({ token: 'server-st', expiresAt: clock.now() + 1000 });
    const renewal = session.renew();
    const second = vi.fn(async () => 'pt3');
    client.setGetPrivateToken(second);
    const joined = session.renew();
    token.resolve('pt2');
    await expect(renewal).resolves.toMatchObject({ token: 'st-1' });
    await expect(joined).resolves.toMatchObject({ token: 'st-1' });
    await session.renew();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('expiry reached while the open is in flight: the opened session counts from the request', async () => {
    const { client, clock, delivery } = setup({ sessionTtl: 10_000 });
    const answer = deferred<Response>();
    delivery.answer(() => answer.promise);
    const opening = client.video(video).open();
    clock.advance(11_000);
    answer.resolve(new Response(JSON.stringify({ session_token: 'st-x' })));
    const session = await opening;
    expect(session?.token).toBe('st-x');
  });

  it('storage that throws mid-way never loses an opened session', async () => {
    let fail = false;
    const items = new Map<string, string>();
    const storage = {
      getItem: (key: string) => {
        if (fail) throw new Error('gone');
        return items.get(key) ?? null;
      },
      setItem: (key: string, value: string) => {
        if (fail) throw new Error('gone');
        items.set(key, value);
      },
      removeItem: (key: string) => void items.delete(key),
      get length() {
        if (fail) throw new Error('gone');
        return items.size;
      },
      key: (index: number) => [...items.keys()][index] ?? null,
    };
    const { client } = setup({ storage });
    const session = client.video(video);
    fail = true;
    await expect(session.open()).resolves.toMatchObject({ token: 'st-1' });
    expect(session.getState().status).toBe('open');
  });

  it('a subscriber that unsubscribes another during a notification: the other hears nothing more', async () => {
    const { client } = setup();
    const session = client.video(video);
    const heard: string[] = [];
    // eslint-disable-next-line prefer-const
    let offB: () => void;
    session.subscribe(() => offB());
    offB = session.subscribe((state) => heard.push(state.status));
    await session.open();
    expect(heard).toEqual([]);
  });

  it('two renewals from two callers at once spend one token', async () => {
    const { client, clock } = setup();
    const getA = vi.fn(async () => 'pt2');
    const getB = vi.fn(async () => 'pt3');
    const session = client.video(video);
    session.setSession({ token: 'server-st', expiresAt: clock.now() + 1000 });
    const [a, b] = await Promise.all([
      session.renew({ getPrivateToken: getA }),
      session.renew({ getPrivateToken: getB }),
    ]);
    expect(a).toBe(b);
    expect(getA.mock.calls.length + getB.mock.calls.length).toBe(1);
  });

  it('a renewal that fails while the session still lives fails its caller, not the open of another', async () => {
    const { client, clock } = setup();
    const session = client.video(video);
    session.setSession({ token: 'server-st', expiresAt: clock.now() + 60_000 });
    const renewal = session.renew({ getPrivateToken: async () => Promise.reject(new Error('down')) });
    const open = session.open();
    await expect(renewal).rejects.toMatchObject({ code: 'renewal-failed' });
    await expect(open).resolves.toMatchObject({ token: 'server-st' });
    expect(session.getState()).toMatchObject({ status: 'open', error: undefined });
    await settle();
  });
});
