import { createFakeDelivery, deferred, json } from '@private-video/test-utils';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { PrivateVideoError } from '../errors/PrivateVideoError.js';
import { toRetryPlan } from '../snapshot/toRetryPlan.js';
import { createMemoryStorage } from './createMemoryStorage.js';
import type { StorageLike } from './Session.js';
import { DEFAULT_SESSION_TTL, SessionClient, type SessionClientOptions } from './SessionClient.js';
import { toSessionKey } from './toSessionKey.js';

const video = { videoId: 'vi1', privateToken: 'pt1' };
const sessionUrl = 'https://vod.api.video/vod/vi1/token/pt1/session';

function setup(options: SessionClientOptions = {}) {
  const delivery = createFakeDelivery();
  let time = 1_000_000;
  const clock = {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
  const sleeps: number[] = [];
  const client = new SessionClient({
    fetch: delivery.fetch,
    now: clock.now,
    storage: null,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    ...options,
  });
  return { client, delivery, clock, sleeps };
}

/** Storage in memory that refuses a new entry once it holds `entries`, as a full `sessionStorage` does. */
function storageFullAt(entries: number): StorageLike {
  const inner = createMemoryStorage();
  return {
    ...inner,
    get length() {
      return inner.length;
    },
    setItem(key, value) {
      if (inner.getItem(key) === null && (inner.length ?? 0) >= entries) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      inner.setItem(key, value);
    },
  };
}

describe('SessionClient: one session per video and private token', () => {
  it('makes exactly one request for 100 concurrent callers', async () => {
    const { client, delivery } = setup();
    const sessions = await Promise.all(Array.from({ length: 100 }, () => client.getSession(video)));
    expect(delivery.fetch).toHaveBeenCalledTimes(1);
    expect(delivery.requests).toEqual([sessionUrl]);
    expect(new Set(sessions.map((session) => session?.token))).toEqual(new Set(['st-1']));
  });

  it('reuses the session for later callers, however they name the video', async () => {
    const { client, delivery } = setup();
    await client.getSession(video);
    await client.getSession('https://vod.api.video/vod/vi1/token/pt1/thumbnail.jpg');
    await client.getSession('<iframe src="https://embed.api.video/vod/vi1?token=pt1"></iframe>');
    expect(delivery.fetch).toHaveBeenCalledTimes(1);
  });

  it('keeps sessions of different tokens, videos and origins apart', async () => {
    const { client, delivery } = setup();
    await client.getSession(video);
    await client.getSession({ videoId: 'vi1', privateToken: 'pt2' });
    await client.getSession({ videoId: 'vi2', privateToken: 'pt1' });
    await client.getSession({ ...video, domains: { vod: 'http://127.0.0.1:4010' } });
    expect(delivery.requests).toEqual([
      sessionUrl,
      'https://vod.api.video/vod/vi1/token/pt2/session',
      'https://vod.api.video/vod/vi2/token/pt1/session',
      'http://127.0.0.1:4010/vod/vi1/token/pt1/session',
    ]);
  });

  it("reads a source as it opens it: with the client's domains where the source names none", async () => {
    const { client, delivery } = setup({ domains: { vod: 'http://127.0.0.1:4010' } });
    const ref = client.toVideoRef(video);
    expect(ref.domains.vod).toBe('http://127.0.0.1:4010');
    const own = client.toVideoRef('https://cdn.example.com/vod/vi1/token/pt1/thumbnail.jpg');
    expect(own.domains.vod).toBe('https://cdn.example.com');
    await client.getSession(ref);
    expect(client.video(video)).toBe(client.video(ref));
    expect(delivery.requests).toEqual(['http://127.0.0.1:4010/vod/vi1/token/pt1/session']);
  });

  it('asks for the session without cookies, and past any cache: a cached answer would be a spent session', async () => {
    const { client, delivery } = setup();
    await client.getSession(video);
    expect(delivery.fetch.mock.calls[0]![1]).toMatchObject({ credentials: 'omit', cache: 'no-store' });
  });

  it('makes no request at all for a public video', async () => {
    const { client, delivery } = setup();
    await expect(client.getSession({ videoId: 'vi1' })).resolves.toBeNull();
    expect(client.video({ videoId: 'vi1' }).getState().status).toBe('public');
    expect(delivery.fetch).not.toHaveBeenCalled();
  });

  it('adopts a server-opened session without any request', async () => {
    const { client, delivery, clock } = setup();
    client.setSession(video, { token: 'server-st', expiresAt: clock.now() + 60_000 });
    await expect(client.getSession(video)).resolves.toMatchObject({ token: 'server-st' });
    expect(client.sign(video, 'https://vod.api.video/vod/vi1/token/pt1/thumbnail.jpg')).toContain(
      'avh=server-st',
    );
    expect(delivery.fetch).not.toHaveBeenCalled();
  });

  it.each([
    ['a number', { token: 42 }],
    ['an empty string', { token: '' }],
    ['a token no query can carry', { token: 'a b' }],
    ['an expiry that is not a number', { token: 'st', expiresAt: Number.NaN }],
    // Stored, it would not survive a refresh's reading: the page would then spend the spent token.
    ['a start that is not a number', { token: 'st', expiresAt: 99_999_999_999_999, acquiredAt: Number.NaN }],
    ['an endless expiry', { token: 'st', expiresAt: Number.POSITIVE_INFINITY }],
    // JSON from the server with its numbers as strings: a difference of two such strings is a number.
    ['an expiry given as a string of digits', { token: 'st', expiresAt: '99999999999999' }],
    ['a start given as a string of digits', { token: 'st', expiresAt: 99_999_999_999_999, acquiredAt: '1' }],
  ])('refuses a server session with %s, and stores nothing', (_case, session) => {
    const storage = createMemoryStorage();
    const { client } = setup({ storage });
    expect(() => client.setSession(video, session as { token: string })).toThrow(
      expect.objectContaining({ code: 'invalid-source' }),
    );
    expect(storage.length).toBe(0);
    expect(client.video(video).getState().status).toBe('idle');
  });

  it('refuses a server session for a public video, which has none, and stores nothing', () => {
    const storage = createMemoryStorage();
    const { client } = setup({ storage });
    expect(() => client.setSession({ videoId: 'vi1' }, { token: 'server-st' })).toThrow(
      expect.objectContaining({ code: 'invalid-source' }),
    );
    expect(storage.length).toBe(0);
    expect(client.video({ videoId: 'vi1' }).getState().status).toBe('public');
  });

  it('rejects a malformed input synchronously-safe, as a rejected promise with a typed error', async () => {
    const { client } = setup();
    await expect(client.getSession('not a url')).rejects.toMatchObject({ code: 'invalid-source' });
  });
});

describe('SessionClient: setGetPrivateToken', () => {
  it("tells every session's subscribers, after the caller's task, when one is given or taken away", async () => {
    const { client, delivery } = setup();
    delivery.spend('pt1');
    const failed = client.video(video);
    await expect(failed.open()).rejects.toMatchObject({ code: 'token-used' });
    const idle = client.video({ videoId: 'vi2', privateToken: 'pt2' });
    const heard: unknown[] = [];
    for (const videoSession of [failed, idle]) videoSession.subscribe((state) => heard.push(state));
    client.setGetPrivateToken(async () => 'pt3');
    // Not while the caller runs (a provider sets it as it renders): once it is done.
    expect(heard).toEqual([]);
    await Promise.resolve();
    // Each state as it was, as a new object: what a failure offers changed (`canOpen`, `canRenew`), not the state.
    expect(heard).toEqual([failed.getState(), idle.getState()]);
    expect(heard[0]).toMatchObject({ status: 'error', error: { code: 'token-used' } });
    expect(failed.canOpen()).toBe(true);
    // Another function (an inline arrow at each render) changes nothing they show; taking it away does.
    client.setGetPrivateToken(async () => 'pt4');
    await Promise.resolve();
    expect(heard).toHaveLength(2);
    client.setGetPrivateToken(undefined);
    await Promise.resolve();
    expect(heard).toHaveLength(4);
    expect(failed.canOpen()).toBe(false);
  });
});

describe('SessionClient: servingVideo, what shows a video', () => {
  const refetched = { videoId: 'vi1', privateToken: 'pt2' };

  it("serves a new private token of a video with that video's live session: no request, the token unspent", async () => {
    const { client, delivery } = setup();
    await client.getSession(video);
    const served = client.servingVideo(refetched);
    expect(served).toBe(client.video(video));
    expect(await served.open()).toMatchObject({ token: 'st-1' });
    expect(delivery.requests).toEqual([sessionUrl]);
  });

  it('renews the session it served with the new token, once, asking no getPrivateToken', async () => {
    const getPrivateToken = vi.fn(async () => 'pt9');
    const { client, delivery, clock } = setup({ getPrivateToken });
    await client.getSession(video);
    const served = client.servingVideo(refetched);
    clock.advance(DEFAULT_SESSION_TTL);
    expect(await served.open()).toMatchObject({ token: 'st-2' });
    expect(served.ref.privateToken).toBe('pt2');
    expect(getPrivateToken).not.toHaveBeenCalled();
    // Used once: the next renewal asks getPrivateToken.
    await served.renew();
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    expect(delivery.requests).toEqual([
      sessionUrl,
      'https://vod.api.video/vod/vi1/token/pt2/session',
      'https://vod.api.video/vod/vi1/token/pt9/session',
    ]);
  });

  it('makes a session it served renewable without any getPrivateToken, and a refusal worth a retry', async () => {
    const { client, delivery, clock } = setup();
    await client.getSession(video);
    expect(client.video(video).canRenew()).toBe(false);
    client.servingVideo(refetched);
    expect(client.video(video).canRenew()).toBe(true);
    clock.advance(DEFAULT_SESSION_TTL);
    await expect(client.getSession(video)).resolves.toMatchObject({ token: 'st-2' });
    expect(delivery.requests).toEqual([sessionUrl, 'https://vod.api.video/vod/vi1/token/pt2/session']);
  });

  it('replaces a new token found spent through getPrivateToken, as any spent token', async () => {
    const getPrivateToken = vi.fn(async () => 'pt9');
    const { client, delivery, clock } = setup({ getPrivateToken });
    await client.getSession(video);
    delivery.spend('pt2');
    client.servingVideo(refetched);
    clock.advance(DEFAULT_SESSION_TTL);
    await expect(client.getSession(video)).resolves.toMatchObject({ token: 'st-2' });
    expect(client.video(video).ref.privateToken).toBe('pt9');
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    expect(delivery.requests).toEqual([
      sessionUrl,
      'https://vod.api.video/vod/vi1/token/pt2/session',
      'https://vod.api.video/vod/vi1/token/pt9/session',
    ]);
  });

  it('offers no token spent elsewhere (a server session came with the source)', async () => {
    const { client } = setup();
    await client.getSession(video);
    expect(client.servingVideo(refetched, true)).toBe(client.video(video));
    expect(client.video(video).canRenew()).toBe(false);
  });

  it("offers nothing the session had or is on, nor what is no token: a stale object's token is spent", async () => {
    const { client, clock } = setup({ getPrivateToken: async () => 'pt9' });
    await client.getSession(video);
    await client.renew(video);
    const videoSession = client.video(video);
    for (const token of ['pt1', 'pt9', 'undefined', '..']) videoSession.offer(token);
    // A source of the first token (an object cached before the renewal) is served, and offers nothing.
    expect(client.servingVideo(video)).toBe(videoSession);
    expect(videoSession.canRenew(undefined)).toBe(true); // the client's getPrivateToken
    client.setGetPrivateToken(undefined);
    expect(videoSession.canRenew()).toBe(false);
    clock.advance(DEFAULT_SESSION_TTL);
    await expect(videoSession.open()).rejects.toMatchObject({ code: 'session-expired' });
  });

  it("serves the source's own session object once it has one, open or not", async () => {
    const { client } = setup();
    const own = client.video(refetched);
    await client.getSession(video);
    expect(client.servingVideo(refetched)).toBe(own);
  });

  it('serves its own session to a new private token of a video whose session does not live', async () => {
    const failed = setup();
    failed.delivery.spend('pt1');
    await expect(failed.client.getSession(video)).rejects.toMatchObject({ code: 'token-used' });
    expect(failed.client.servingVideo(refetched)).toBe(failed.client.video(refetched));
    const expired = setup();
    await expired.client.getSession(video);
    expired.clock.advance(DEFAULT_SESSION_TTL);
    expect(expired.client.servingVideo(refetched)).toBe(expired.client.video(refetched));
  });

  it('serves a new private token of a video whose session is still opening: one request', async () => {
    const { client, delivery } = setup();
    const answer = deferred<Response>();
    delivery.answer(() => answer.promise);
    const first = client.getSession(video);
    const served = client.servingVideo(refetched);
    expect(served).toBe(client.video(video));
    const second = served.open();
    answer.resolve(json({ session_token: 'st-1' }));
    expect(await Promise.all([first, second])).toEqual([
      expect.objectContaining({ token: 'st-1' }),
      expect.objectContaining({ token: 'st-1' }),
    ]);
    expect(delivery.requests).toEqual([sessionUrl]);
  });

  it('opens with the new token, asking no getPrivateToken, where the open it served finds its token spent', async () => {
    const { client, delivery } = setup();
    const answer = deferred<Response>();
    delivery.answer(() => answer.promise);
    const first = client.getSession(video);
    const served = client.servingVideo(refetched);
    answer.resolve(new Response('', { status: 404 }));
    await expect(Promise.all([first, served.open()])).resolves.toEqual([
      expect.objectContaining({ token: 'st-1' }),
      expect.objectContaining({ token: 'st-1' }),
    ]);
    expect(served.ref.privateToken).toBe('pt2');
    expect(delivery.requests).toEqual([sessionUrl, 'https://vod.api.video/vod/vi1/token/pt2/session']);
  });

  it('serves a session renewing with the offered token, which is not spent twice', async () => {
    const { client, delivery, clock } = setup();
    await client.getSession(video);
    const served = client.servingVideo(refetched);
    clock.advance(DEFAULT_SESSION_TTL);
    const answer = deferred<Response>();
    delivery.answer(() => answer.promise);
    const renewing = served.open();
    expect(served.getState().status).toBe('renewing');
    // Another component given the same object (a player mounted beside the thumbnail) meanwhile.
    expect(client.servingVideo(refetched)).toBe(served);
    const joined = served.open();
    answer.resolve(json({ session_token: 'st-2' }));
    expect(await Promise.all([renewing, joined])).toEqual([
      expect.objectContaining({ token: 'st-2' }),
      expect.objectContaining({ token: 'st-2' }),
    ]);
    expect(delivery.requests).toEqual([sessionUrl, 'https://vod.api.video/vod/vi1/token/pt2/session']);
  });

  it('keeps no offered token that a renewal has spent: offered again meanwhile, it is not sent again', async () => {
    const { client, delivery } = setup();
    await client.getSession(video);
    const served = client.servingVideo(refetched);
    const answer = deferred<Response>();
    delivery.answer(() => answer.promise);
    const renewal = served.renew();
    client.servingVideo(refetched); // the same object, shown again while its token opens the new session
    answer.resolve(json({ session_token: 'st-2' }));
    await renewal;
    expect(served.canRenew()).toBe(false);
    await expect(served.renew()).rejects.toMatchObject({ code: 'session-expired' });
    expect(delivery.requests).toEqual([sessionUrl, 'https://vod.api.video/vod/vi1/token/pt2/session']);
  });

  it('keeps no offered token that another client on the same storage spent', async () => {
    const storage = createMemoryStorage();
    const delivery = createFakeDelivery();
    let time = 1_000_000;
    const shared = { storage, fetch: delivery.fetch, now: () => time };
    const one = setup(shared);
    const two = setup(shared);
    await one.client.getSession(video);
    const other = two.client.video(video);
    await other.open(); // restored from the storage
    expect(two.client.servingVideo(refetched)).toBe(other);
    time += DEFAULT_SESSION_TTL / 2;
    one.client.servingVideo(refetched);
    await one.client.renew(video); // with pt2
    time += DEFAULT_SESSION_TTL / 2;
    // The other client's session expired: it reads the renewal from the storage, on pt2.
    expect(await other.open()).toMatchObject({ token: 'st-2' });
    expect(other.ref.privateToken).toBe('pt2');
    expect(other.canRenew()).toBe(false);
    expect(delivery.requests).toEqual([sessionUrl, 'https://vod.api.video/vod/vi1/token/pt2/session']);
  });

  it('replaces an offered token found spent in an open through getPrivateToken, as any spent token', async () => {
    const getPrivateToken = vi.fn(async () => 'pt9');
    const { client, delivery } = setup({ getPrivateToken });
    delivery.spend('pt1');
    delivery.spend('pt2');
    const videoSession = client.video(video);
    videoSession.offer('pt2');
    await expect(videoSession.open()).resolves.toMatchObject({ token: 'st-1' });
    expect(videoSession.ref.privateToken).toBe('pt9');
    expect(delivery.requests).toEqual([
      sessionUrl,
      'https://vod.api.video/vod/vi1/token/pt2/session',
      'https://vod.api.video/vod/vi1/token/pt9/session',
    ]);
  });

  it('serves another video, origin or a public source their own', async () => {
    const { client } = setup();
    await client.getSession(video);
    for (const source of [
      { videoId: 'vi2', privateToken: 'pt2' },
      { ...refetched, domains: { vod: 'http://127.0.0.1:4010' } },
      { videoId: 'vi1' },
    ]) {
      expect(client.servingVideo(source)).toBe(client.video(source));
    }
  });
});

describe('SessionClient: expiry', () => {
  it('exposes expiresAt 24 h after acquisition by default, and a configurable TTL', async () => {
    const { client, clock } = setup();
    const session = await client.getSession(video);
    expect(session).toEqual({
      token: 'st-1',
      acquiredAt: clock.now(),
      expiresAt: clock.now() + 24 * 3600_000,
    });
    const short = setup({ sessionTtl: 5_000 });
    await expect(short.client.getSession(video)).resolves.toMatchObject({
      expiresAt: short.clock.now() + 5_000,
    });
  });

  it.each([Number.NaN, 0, -5_000])(
    'takes the 24 h default for a sessionTtl of %s (a session expired at once would be opened again at every use)',
    async (sessionTtl) => {
      const { client, clock, delivery } = setup({ sessionTtl });
      await expect(client.getSession(video)).resolves.toMatchObject({
        expiresAt: clock.now() + DEFAULT_SESSION_TTL,
      });
      await client.getSession(video);
      expect(delivery.fetch).toHaveBeenCalledTimes(1);
    },
  );

  it('fails with session-expired once expired and no getPrivateToken is given', async () => {
    const { client, clock, delivery } = setup({ sessionTtl: 5_000 });
    await client.getSession(video);
    clock.advance(5_000);
    await expect(client.getSession(video)).rejects.toMatchObject({ code: 'session-expired' });
    expect(client.video(video).getState()).toMatchObject({ status: 'error', session: undefined });
    expect(delivery.fetch).toHaveBeenCalledTimes(1);
  });

  it('renews through getPrivateToken once expired, and moves the video to the new token', async () => {
    const getPrivateToken = vi.fn(async () => 'pt2');
    const { client, clock, delivery } = setup({ sessionTtl: 5_000, getPrivateToken });
    await client.getSession(video);
    clock.advance(5_001);
    await expect(client.getSession(video)).resolves.toMatchObject({ token: 'st-2' });
    expect(delivery.requests[1]).toBe('https://vod.api.video/vod/vi1/token/pt2/session');
    expect(client.video(video).ref.privateToken).toBe('pt2');
    expect(client.video({ videoId: 'vi1', privateToken: 'pt2' })).toBe(client.video(video));
  });
});

describe('SessionClient: persistence', () => {
  it('takes `signal: null`, as `fetch` does (plain JS passes it)', async () => {
    const { client } = setup();
    await expect(client.getSession(video, { signal: null })).resolves.toMatchObject({ token: 'st-1' });
    await expect(client.video(video).open({ signal: null })).resolves.toMatchObject({ token: 'st-1' });
  });

  it('reuses a stored session after a page refresh (a new client on the same storage)', async () => {
    const storage = createMemoryStorage();
    const first = setup({ storage });
    await first.client.getSession(video);
    const second = setup({ storage, now: first.clock.now });
    await expect(second.client.getSession(video)).resolves.toMatchObject({ token: 'st-1' });
    expect(second.delivery.fetch).not.toHaveBeenCalled();
  });

  it('restores the session as it was opened: its acquiredAt and expiresAt too, which time its renewal', async () => {
    const storage = createMemoryStorage();
    const first = setup({ storage, sessionTtl: 60_000 });
    const opened = await first.client.getSession(video);
    first.clock.advance(10_000);
    const second = setup({ storage, now: first.clock.now });
    await expect(second.client.getSession(video)).resolves.toEqual(opened);
    expect(opened).toEqual({ token: 'st-1', acquiredAt: 1_000_000, expiresAt: 1_060_000 });
  });

  it('remembers a renewal across a refresh: the old token finds the new session', async () => {
    const storage = createMemoryStorage();
    const first = setup({ storage, getPrivateToken: async () => 'pt2' });
    await first.client.getSession(video);
    await first.client.renew(video);
    const second = setup({ storage, now: first.clock.now });
    const session = second.client.video(video);
    expect(session.getState()).toMatchObject({ status: 'open', session: { token: 'st-2' } });
    expect(session.sign('https://vod.api.video/vod/vi1/token/pt1/thumbnail.jpg')).toBe(
      'https://vod.api.video/vod/vi1/token/pt2/thumbnail.jpg?avh=st-2',
    );
  });

  it('remembers a renewal across a refresh: a source on the new token finds the new session, unspent again', async () => {
    const storage = createMemoryStorage();
    const first = setup({ storage, getPrivateToken: async () => 'pt2' });
    await first.client.getSession(video);
    await first.client.renew(video);
    const second = setup({ storage, now: first.clock.now });
    await expect(second.client.getSession({ videoId: 'vi1', privateToken: 'pt2' })).resolves.toMatchObject({
      token: 'st-2',
    });
    expect(second.delivery.fetch).not.toHaveBeenCalled();
  });

  it('adopts a session that another client on the same storage opened since, instead of spending the token again', async () => {
    const storage = createMemoryStorage();
    const player = setup({ storage });
    const page = setup({ storage, fetch: player.delivery.fetch, now: player.clock.now });
    const thumbnail = page.client.video(video); // rendered, not yet scrolled into view
    await player.client.getSession(video); // a player under a provider with its own client
    await expect(thumbnail.open()).resolves.toMatchObject({ token: 'st-1' });
    expect(thumbnail.getState().status).toBe('open');
    expect(player.delivery.fetch).toHaveBeenCalledTimes(1);
  });

  it('adopts it also after its own request was refused for the token the other client spent', async () => {
    const storage = createMemoryStorage();
    const player = setup({ storage });
    const page = setup({ storage, fetch: player.delivery.fetch, now: player.clock.now });
    const held = deferred<Response>();
    // The player's request spends the token; the thumbnail's, made meanwhile, finds it spent.
    player.delivery.answer(() => held.promise, new Response('Not found', { status: 404 }));
    const opening = player.client.getSession(video);
    await expect(page.client.getSession(video)).rejects.toMatchObject({ code: 'token-used' });
    held.resolve(json({ session_token: 'st-p' }));
    await opening;
    await expect(page.client.getSession(video)).resolves.toMatchObject({ token: 'st-p' });
  });

  it('adopts a renewal that another client on the same storage made, instead of renewing again', async () => {
    const storage = createMemoryStorage();
    const getPrivateToken = vi.fn(async () => 'pt2');
    const player = setup({ storage, sessionTtl: 5_000, getPrivateToken });
    const page = setup({ storage, fetch: player.delivery.fetch, now: player.clock.now, getPrivateToken });
    await player.client.getSession(video);
    const thumbnail = page.client.video(video);
    expect(thumbnail.getState().session?.token).toBe('st-1');
    player.clock.advance(5_000);
    await player.client.renew(video);
    await expect(thumbnail.open()).resolves.toMatchObject({ token: 'st-2' });
    expect(thumbnail.ref.privateToken).toBe('pt2');
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
  });

  it('ignores and purges expired entries', async () => {
    const storage = createMemoryStorage();
    const first = setup({ storage, sessionTtl: 1_000 });
    await first.client.getSession(video);
    expect(storage.length).toBe(1);
    first.clock.advance(1_000);
    const second = setup({ storage, now: first.clock.now });
    second.delivery.spend('pt1');
    await expect(second.client.getSession(video)).rejects.toMatchObject({ code: 'token-used' });
    expect(storage.length).toBe(0);
  });

  it('purges every expired entry before it writes, and keeps live and foreign ones', async () => {
    const storage = createMemoryStorage();
    const entry = (expiresAt: number) =>
      JSON.stringify({ v: 1, token: 'st', acquiredAt: 1, expiresAt, privateToken: 'pt' });
    const key = (id: string) => `private-video:session:https://vod.api.video|vod|${id}|pt`;
    // Two expired ones side by side: removing the first must not skip the second.
    storage.setItem(key('vi1'), entry(10));
    storage.setItem(key('vi3'), entry(20));
    storage.setItem(key('vi2'), entry(99_999_999_999_999));
    storage.setItem('app:setting', 'kept');
    storage.setItem(key('vi4'), entry(30));
    const { client } = setup({ storage });
    await client.getSession({ videoId: 'vi5', privateToken: 'pt5' });
    expect(Array.from({ length: storage.length ?? 0 }, (_, index) => storage.key?.(index))).toEqual([
      key('vi2'),
      'app:setting',
      'private-video:session:https://vod.api.video|vod|vi5|pt5',
    ]);
  });

  it('keeps persisting on a page open for days: expired entries never fill the storage', async () => {
    // `sessionStorage` with a quota, scaled down (the real one holds some 15 000 entries of this size).
    const storage = storageFullAt(10);
    const page = setup({ storage });
    for (let index = 0; index < 10; index++) {
      await page.client.getSession({ videoId: `vi${index}`, privateToken: `pt${index}` });
    }
    page.clock.advance(DEFAULT_SESSION_TTL); // the tab stays open: every one of those has expired
    const latest = { videoId: 'viLatest', privateToken: 'ptLatest' };
    await page.client.getSession(latest);
    // A refresh (a new client on the same storage) finds it, instead of spending the spent token again.
    const refreshed = setup({ storage, now: page.clock.now });
    await expect(refreshed.client.getSession(latest)).resolves.toMatchObject({ token: 'st-11' });
    expect(refreshed.delivery.fetch).not.toHaveBeenCalled();
  });

  it("frees a full storage of expired entries it did not know of (another tab's, on shared storage), then writes", async () => {
    const storage = storageFullAt(3);
    const page = setup({ storage });
    await page.client.getSession({ videoId: 'vi1', privateToken: 'pt1' });
    // Another tab, whose sessions live a minute, fills the storage.
    const other = setup({ storage, now: page.clock.now, sessionTtl: 60_000 });
    await other.client.getSession({ videoId: 'vi2', privateToken: 'pt2' });
    await other.client.getSession({ videoId: 'vi3', privateToken: 'pt3' });
    page.clock.advance(120_000);
    const latest = { videoId: 'viLatest', privateToken: 'ptLatest' };
    await page.client.getSession(latest);
    // A refresh (a new client on the same storage) finds it, instead of spending the spent token again.
    const refreshed = setup({ storage, now: page.clock.now });
    await expect(refreshed.client.getSession(latest)).resolves.toMatchObject({ token: 'st-2' });
    expect(refreshed.delivery.fetch).not.toHaveBeenCalled();
  });

  it('reads every entry only once one it knows of may have expired: a page that opens many sessions pays for none', async () => {
    const inner = createMemoryStorage();
    inner.setItem('app:setting', 'kept'); // an earlier page's, or the app's own: swept once, at the first write
    let keysRead = 0;
    const storage: StorageLike = {
      ...inner,
      get length() {
        return inner.length;
      },
      key(index) {
        keysRead++;
        return inner.key!(index);
      },
    };
    const page = setup({ storage });
    for (let index = 0; index < 50; index++) {
      await page.client.getSession({ videoId: `vi${index}`, privateToken: `pt${index}` });
      page.clock.advance(60_000);
    }
    expect(keysRead).toBe(1);
    // The first session has expired now: the next write sweeps it (and reads every entry, once).
    page.clock.advance(DEFAULT_SESSION_TTL - 50 * 60_000);
    await page.client.getSession({ videoId: 'viLatest', privateToken: 'ptLatest' });
    expect(keysRead).toBe(1 + 51);
    expect(storage.getItem('private-video:session:https://vod.api.video|vod|vi0|pt0')).toBeNull();
    expect(storage.length).toBe(51); // the 49 others, the app's, the latest
  });

  it.each([
    ['corrupted JSON', '{not json'],
    ['a foreign shape', '{"v":1,"token":42}'],
    ['another version', '{"v":2,"token":"x","acquiredAt":1,"expiresAt":99999999999999,"privateToken":"pt1"}'],
  ])('treats %s as no session, without throwing', async (_case, raw) => {
    const storage = createMemoryStorage();
    storage.setItem('private-video:session:https://vod.api.video|vod|vi1|pt1', raw);
    const { client, delivery } = setup({ storage });
    await expect(client.getSession(video)).resolves.toMatchObject({ token: 'st-1' });
    expect(delivery.fetch).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['a private token no URL can carry', { token: 'st-9', privateToken: '../x' }],
    ['a session token no query can carry', { token: 'a b', privateToken: 'pt2' }],
  ])('treats an entry with %s as no session: client.video() does not throw', async (_case, entry) => {
    const storage = createMemoryStorage();
    const raw = JSON.stringify({ v: 1, acquiredAt: 1, expiresAt: 99_999_999_999_999, ...entry });
    storage.setItem('private-video:session:https://vod.api.video|vod|vi1|pt1', raw);
    const { client, delivery } = setup({ storage });
    expect(client.video(video).getState().status).toBe('idle');
    await expect(client.getSession(video)).resolves.toMatchObject({ token: 'st-1' });
    expect(delivery.fetch).toHaveBeenCalledTimes(1);
  });

  it("leaves another version's entries in place: that version may be using them", () => {
    const storage = createMemoryStorage();
    const key = 'private-video:session:https://vod.api.video|vod|vi9|pt9';
    const future = '{"v":2,"sessions":[]}';
    storage.setItem(key, future);
    const { client } = setup({ storage });
    expect(client.video({ videoId: 'vi9', privateToken: 'pt9' }).getState().status).toBe('idle');
    expect(storage.getItem(key)).toBe(future);
  });

  it("keeps finding what a full storage holds once it refused a write: a session's spent token is not sent again", async () => {
    const storage = createMemoryStorage();
    const previousPage = setup({ storage });
    await previousPage.client.getSession(video); // its entry stays in the storage
    // The app's own data has filled the storage since: every write is refused.
    const full: StorageLike = { ...storage, setItem: () => throwError('QuotaExceededError') };
    const page = setup({ storage: full, now: previousPage.clock.now });
    await page.client.getSession({ videoId: 'vi2', privateToken: 'pt2' }); // its write is refused
    await expect(page.client.getSession(video)).resolves.toMatchObject({ token: 'st-1' });
    expect(page.delivery.requests).toEqual(['https://vod.api.video/vod/vi2/token/pt2/session']);
  });

  it.each([
    ['full (quota)', { setItem: () => throwError('QuotaExceededError') }],
    ['disabled', { getItem: () => throwError('SecurityError'), setItem: () => throwError('SecurityError') }],
  ])('falls back to memory when storage is %s', async (_case, overrides) => {
    const storage: StorageLike = { ...createMemoryStorage(), ...overrides };
    const { client, delivery } = setup({ storage });
    await expect(client.getSession(video)).resolves.toMatchObject({ token: 'st-1' });
    await expect(client.getSession(video)).resolves.toMatchObject({ token: 'st-1' });
    expect(delivery.fetch).toHaveBeenCalledTimes(1);
  });
});

describe('SessionClient: storage that cannot be read', () => {
  it('keeps in memory what it would have persisted: once clear() forgot it, the spent token is not sent again', async () => {
    const disabled: StorageLike = {
      ...createMemoryStorage(),
      getItem: () => throwError('SecurityError'),
      setItem: () => throwError('SecurityError'),
    };
    const { client, delivery } = setup({ storage: disabled });
    await client.getSession(video);
    client.clear();
    await expect(client.getSession(video)).resolves.toMatchObject({ token: 'st-1' });
    expect(delivery.requests).toEqual([sessionUrl]);
  });
});

describe('SessionClient: expiry properties', () => {
  it('a session is open strictly before expiresAt, in memory and after a refresh alike', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: -3, max: 3 }),
        async (ttl, offset) => {
          const storage = createMemoryStorage();
          const first = setup({ storage, sessionTtl: ttl, getPrivateToken: async () => 'pt2' });
          const { expiresAt } = (await first.client.getSession(video))!;
          first.clock.advance(ttl + offset); // now = expiresAt + offset
          const live = offset < 0;
          expect(first.client.video(video).isExpiring()).toBe(!live);
          const refreshed = setup({ storage, now: first.clock.now, fetch: first.delivery.fetch });
          expect(refreshed.client.video(video).getState().session?.expiresAt).toBe(
            live ? expiresAt : undefined,
          );
          const reopened = await first.client.getSession(video);
          expect(reopened?.token).toBe(live ? 'st-1' : 'st-2');
        },
      ),
    );
  });
});

describe('SessionClient: a token lost to an attempt that got no answer', () => {
  /**
   * The first attempt reaches the delivery, which spends the token on it, but its answer never comes (a
   * timeout, or a 5xx after the session opened); the retry then finds the token spent.
   */
  function losingFirstAttempt(how: 'timeout' | '503', options: SessionClientOptions = {}) {
    let attempts = 0;
    const context = setup({
      timeout: 20,
      retry: { retries: 1 },
      ...options,
      fetch: (input, init) => {
        attempts += 1;
        if (attempts > 1) return context.delivery.fetch(input, init);
        context.delivery.spend('pt1');
        return how === 'timeout'
          ? stalled(init!.signal!)
          : Promise.resolve(new Response('', { status: 503 }));
      },
    });
    return context;
  }

  it.each(['timeout', '503'] as const)(
    'renews through getPrivateToken at once after a %s: the opener gets a session, no one sees an error',
    async (how) => {
      const getPrivateToken = vi.fn(async () => 'pt2');
      const { client, delivery } = losingFirstAttempt(how, { getPrivateToken });
      const statuses: string[] = [];
      client.video(video).subscribe((state) => statuses.push(state.status));
      await expect(client.getSession(video)).resolves.toMatchObject({ token: 'st-1' });
      expect(getPrivateToken).toHaveBeenCalledTimes(1);
      expect(delivery.requests).toEqual([sessionUrl, 'https://vod.api.video/vod/vi1/token/pt2/session']);
      expect(client.video(video).ref.privateToken).toBe('pt2');
      expect(statuses).toEqual(['opening', 'open']);
    },
  );

  it('fails as token-used without getPrivateToken, with the attempt that got no answer as its cause', async () => {
    const { client } = losingFirstAttempt('timeout');
    const error = await client.getSession(video).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'token-used', status: 404 });
    expect((error as Error).cause).toMatchObject({ name: 'PrivateVideoError', code: 'network' });
  });

  it('renews a token found spent at the first attempt too (a new tab of the page that opened it), once', async () => {
    const getPrivateToken = vi.fn(async () => `pt${getPrivateToken.mock.calls.length + 1}`);
    const { client, delivery } = setup({ getPrivateToken });
    delivery.spend('pt1');
    await expect(client.getSession(video)).resolves.toMatchObject({ token: expect.any(String) });
    expect(client.video(video).ref.privateToken).toBe('pt2');
    expect(getPrivateToken).toHaveBeenCalledTimes(1);

    // The fresh token spent too: one replacement per open, then `token-used` (with no `cause`: no attempt was lost).
    const other = { videoId: 'vi9', privateToken: 'pt1' };
    delivery.spend('pt3');
    const error = await client.getSession(other).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'token-used', status: 404 });
    expect((error as Error).cause).toBeUndefined();
    expect(getPrivateToken).toHaveBeenCalledTimes(2);
  });
});

describe('SessionClient: a token lost to an attempt that got no answer, in a renewal', () => {
  /** The renewal's first attempt opens a session on pt2, but its answer is a 503: the retry finds pt2 spent. */
  function losingRenewal() {
    const getPrivateToken = vi.fn(async () => `pt${getPrivateToken.mock.calls.length + 1}`);
    const context = setup({ getPrivateToken, retry: { retries: 1 } });
    const { delivery } = context;
    return {
      ...context,
      getPrivateToken,
      loseNext: () =>
        delivery.answer(() => {
          delivery.spend('pt2');
          return new Response('', { status: 503 });
        }),
    };
  }

  it('gets one more token rather than failing as token-used, as an open does', async () => {
    const { client, delivery, getPrivateToken, loseNext } = losingRenewal();
    await client.getSession(video);
    loseNext();
    await expect(client.renew(video)).resolves.toMatchObject({ token: 'st-2' });
    expect(getPrivateToken).toHaveBeenCalledTimes(2);
    expect(delivery.requests.at(-1)).toBe('https://vod.api.video/vod/vi1/token/pt3/session');
    expect(client.video(video).getState()).toMatchObject({ status: 'open', ref: { privateToken: 'pt3' } });
  });

  it('gets one more only: a delivery that never answers in time must not spend token after token', async () => {
    const { client, delivery, getPrivateToken } = losingRenewal();
    await client.getSession(video);
    delivery.answer(
      () => {
        delivery.spend('pt2');
        return new Response('', { status: 503 });
      },
      new Response('', { status: 404 }), // the retry finds pt2 spent
      () => {
        delivery.spend('pt3');
        return new Response('', { status: 503 });
      },
    );
    await expect(client.renew(video)).rejects.toMatchObject({ code: 'token-used' });
    expect(getPrivateToken).toHaveBeenCalledTimes(2);
  });
});

describe('SessionClient: open with a getPrivateToken of its caller', () => {
  it('renews a session that expired where the client had no getPrivateToken, rather than failing', async () => {
    const { client, clock } = setup();
    await client.getSession(video);
    clock.advance(DEFAULT_SESSION_TTL);
    await expect(client.getSession(video)).rejects.toMatchObject({ code: 'session-expired' });
    expect(client.video(video).canOpen()).toBe(false);
    const getPrivateToken = vi.fn(async () => 'pt2');
    expect(client.video(video).canOpen(getPrivateToken)).toBe(true);
    await expect(client.getSession(video, { getPrivateToken })).resolves.toMatchObject({ token: 'st-2' });
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
  });

  it("renews a token lost to an attempt that got no answer, which the client's open could not", async () => {
    let attempts = 0;
    const { client, delivery } = setup({
      retry: { retries: 1 },
      fetch: (input, init) => {
        attempts += 1;
        if (attempts > 1) return delivery.fetch(input, init);
        delivery.spend('pt1');
        return Promise.resolve(new Response('', { status: 503 }));
      },
    });
    await expect(client.getSession(video)).rejects.toMatchObject({ code: 'token-used' });
    const getPrivateToken = vi.fn(async () => 'pt2');
    await expect(client.getSession(video, { getPrivateToken })).resolves.toMatchObject({ token: 'st-1' });
    // The lost token is not asked for again: it is spent. (The delivery saw the retry, not the lost attempt.)
    expect(delivery.requests).toEqual([sessionUrl, 'https://vod.api.video/vod/vi1/token/pt2/session']);
  });

  it('renews a token another used once given a getPrivateToken: a thumbnail could not, its player can', async () => {
    const { client, delivery } = setup();
    delivery.spend('pt1');
    await expect(client.getSession(video)).rejects.toMatchObject({ code: 'token-used' });
    expect(client.video(video).canOpen()).toBe(false);
    const getPrivateToken = vi.fn(async () => 'pt2');
    expect(client.video(video).canOpen(getPrivateToken)).toBe(true);
    await expect(client.getSession(video, { getPrivateToken })).resolves.toMatchObject({
      token: expect.any(String),
    });
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    expect(delivery.requests.filter((url) => url.endsWith('/session'))).toHaveLength(2);
  });

  it("renews a spent token within an open it joined that was started without its getPrivateToken (a thumbnail's): no one sees it fail", async () => {
    const { client, delivery } = setup();
    delivery.spend('pt1');
    const statuses: string[] = [];
    client.video(video).subscribe((state) => statuses.push(state.status));
    const thumbnail = client.getSession(video);
    const getPrivateToken = vi.fn(async () => 'pt2');
    const player = client.getSession(video, { getPrivateToken });
    await expect(thumbnail).resolves.toMatchObject({ token: 'st-1' });
    await expect(player).resolves.toMatchObject({ token: 'st-1' });
    expect(statuses).toEqual(['opening', 'open']);
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    // One request on the spent token (the open the player joined), one on the new one.
    expect(delivery.requests.filter((url) => url.endsWith('/session'))).toEqual([
      sessionUrl,
      'https://vod.api.video/vod/vi1/token/pt2/session',
    ]);
    expect(client.video(video).getState()).toMatchObject({ status: 'open', error: undefined });
  });

  it.each(['the client', 'the caller (a player mounted twice)'])(
    'joins an open that had the same getPrivateToken (of %s) without asking it for another token',
    async (whose) => {
      const getPrivateToken = vi.fn(async () => 'pt2');
      const { client, delivery } = setup(whose === 'the client' ? { getPrivateToken } : {});
      delivery.spend('pt1');
      delivery.spend('pt2'); // the replacement is spent too: the open fails
      const first = client.getSession(video, { getPrivateToken });
      const second = client.getSession(video, { getPrivateToken });
      await expect(first).rejects.toMatchObject({ code: 'token-used' });
      await expect(second).rejects.toMatchObject({ code: 'token-used' });
      expect(getPrivateToken).toHaveBeenCalledTimes(1);
    },
  );
});

describe('SessionClient: a getPrivateToken that never answers', () => {
  it('fails the renewal as renewal-failed after the client timeout, and aborts the signal it gave', async () => {
    let given: AbortSignal | undefined;
    const { client } = setup({
      timeout: 20,
      getPrivateToken: (_ref, { signal }) => {
        given = signal;
        return new Promise<string>(() => {}); // the token backend hangs
      },
    });
    await client.getSession(video);
    const error = await client.renew(video).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'renewal-failed' });
    expect((error as Error).cause).toMatchObject({ name: 'TimeoutError' });
    expect(given?.aborted).toBe(true);
    // Not waiting for good: the next renewal asks again.
    expect(client.video(video).getState().status).not.toBe('renewing');
  });
});

describe('SessionClient: the signal a getPrivateToken gets', () => {
  it('is a signal even in a browser without AbortSignal.timeout (it then never aborts)', async () => {
    const timeout = Object.getOwnPropertyDescriptor(AbortSignal, 'timeout')!;
    Reflect.deleteProperty(AbortSignal, 'timeout');
    try {
      let given: unknown;
      const { client } = setup({
        getPrivateToken: (_ref, { signal }) => {
          given = signal;
          return 'pt2';
        },
      });
      await client.getSession(video);
      await client.renew(video);
      expect(given).toBeInstanceOf(AbortSignal);
      expect((given as AbortSignal).aborted).toBe(false);
    } finally {
      Object.defineProperty(AbortSignal, 'timeout', timeout);
    }
  });
});

describe('SessionClient: typed errors', () => {
  it('token-used on 404, never retried, and the same error for later callers', async () => {
    const { client, delivery } = setup();
    delivery.spend('pt1');
    const error = await client.getSession(video).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'token-used', status: 404, url: undefined });
    expect((error as Error).message).toMatch(/already used or does not exist/);
    await expect(client.getSession(video)).rejects.toBe(error);
    expect(delivery.fetch).toHaveBeenCalledTimes(1);
  });

  it.each([401, 403])('forbidden on %i, never retried', async (status) => {
    const { client, delivery } = setup();
    delivery.answer(new Response('', { status }));
    await expect(client.getSession(video)).rejects.toMatchObject({ code: 'forbidden', status });
    expect(delivery.fetch).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['forbidden', () => new Response('', { status: 403 })],
    ['malformed-response', () => json({ token: 'x' })],
  ])(
    '%s is final for the private token: later callers get the same error, no request, no renewal',
    async (code, answer) => {
      const getPrivateToken = vi.fn(async () => 'pt2');
      const { client, delivery } = setup({ getPrivateToken });
      delivery.answer(answer);
      const error = await client.getSession(video).catch((e: unknown) => e);
      expect(error).toMatchObject({ code });
      await expect(client.getSession(video)).rejects.toBe(error);
      expect(client.video(video).canOpen()).toBe(false);
      expect(delivery.fetch).toHaveBeenCalledTimes(1);
      expect(getPrivateToken).not.toHaveBeenCalled();
    },
  );

  it('retries 5xx with exponential backoff and jitter, then succeeds', async () => {
    const { client, delivery, sleeps } = setup();
    delivery.answer(new Response('', { status: 503 }), new Response('', { status: 500 }));
    await expect(client.getSession(video)).resolves.toMatchObject({ token: 'st-1' });
    expect(delivery.fetch).toHaveBeenCalledTimes(3);
    expect(sleeps).toEqual([225, 450]); // 300 × 2^n, half fixed + half jittered (random = 0.5)
  });

  it('server error after bounded retries', async () => {
    const { client, delivery } = setup({ retry: { retries: 3 } });
    const failing = () => new Response('', { status: 502 });
    delivery.answer(failing, failing, failing, failing, failing);
    await expect(client.getSession(video)).rejects.toMatchObject({ code: 'server', status: 502 });
    expect(delivery.fetch).toHaveBeenCalledTimes(4);
  });

  it('takes every option given as undefined as its default (the types allow it: options read from elsewhere)', async () => {
    const delivery = createFakeDelivery();
    vi.stubGlobal('fetch', delivery.fetch);
    const storage = createMemoryStorage();
    vi.stubGlobal('sessionStorage', storage);
    const unset: Record<keyof SessionClientOptions, undefined> = {
      fetch: undefined,
      now: undefined,
      storage: undefined,
      sessionTtl: undefined,
      retry: undefined,
      timeout: undefined,
      sleep: undefined,
      random: undefined,
      domains: undefined,
      getPrivateToken: undefined,
    };
    const before = Date.now();
    const client = new SessionClient(unset);
    const session = await client.getSession(video);
    vi.unstubAllGlobals();
    expect(delivery.requests).toEqual([sessionUrl]);
    expect(session!.expiresAt - session!.acquiredAt).toBe(DEFAULT_SESSION_TTL);
    expect(session!.acquiredAt).toBeGreaterThanOrEqual(before);
    expect(storage.getItem(`private-video:session:${toSessionKey(client.toVideoRef(video))}`)).toContain(
      session!.token,
    );
  });

  it('keeps the default bounds for retry options given as undefined', async () => {
    const { client, delivery, sleeps } = setup({
      retry: { retries: undefined, baseDelay: undefined, maxDelay: undefined },
    });
    const failing = () => new Response('', { status: 503 });
    delivery.answer(...Array.from({ length: 10 }, () => failing));
    await expect(client.getSession(video)).rejects.toMatchObject({ code: 'server', status: 503 });
    expect(delivery.fetch).toHaveBeenCalledTimes(3);
    expect(sleeps).toEqual([225, 450]);
  });

  it.each([
    ['NaN (Number() of an unset environment variable)', Number.NaN],
    ['-1', -1],
  ])(
    'reads retries: %s as the default 2, as the server package does, rather than retry for good',
    async (_, retries) => {
      const { client, delivery, sleeps } = setup({ retry: { retries } });
      const failing = () => new Response('', { status: 503 });
      delivery.answer(...Array.from({ length: 10 }, () => failing));
      await expect(client.getSession(video)).rejects.toMatchObject({ code: 'server', status: 503 });
      expect(delivery.fetch).toHaveBeenCalledTimes(3);
      expect(sleeps).toEqual([225, 450]);
    },
  );

  it.each([
    [Number.POSITIVE_INFINITY, 2 ** 31 - 1],
    [Number.NaN, 10_000],
    [-1, 10_000],
    [0.5, 1],
  ])(
    'opens with a timeout of %s, read as %s ms (AbortSignal.timeout refuses it as it is)',
    async (timeout, ms) => {
      const timeouts: number[] = [];
      vi.spyOn(AbortSignal, 'timeout').mockImplementation((delay) => {
        timeouts.push(delay);
        return new AbortController().signal;
      });
      const { client } = setup({ timeout });
      await expect(client.getSession(video)).resolves.toMatchObject({ token: 'st-1' });
      expect(timeouts).toEqual([ms]);
      vi.restoreAllMocks();
    },
  );

  it('network error after bounded retries; a later call may try again', async () => {
    const { client, delivery } = setup();
    const offline = new TypeError('Failed to fetch');
    delivery.answer(offline, offline, offline);
    // The fetch's error only by its text: whatever else it holds may name the URL, and its unspent token.
    await expect(client.getSession(video)).rejects.toMatchObject({
      code: 'network',
      message: expect.stringContaining('(TypeError: Failed to fetch)'),
      cause: undefined,
    });
    expect(delivery.fetch).toHaveBeenCalledTimes(3);
    await expect(client.getSession(video)).resolves.toMatchObject({ token: 'st-1' });
  });

  it.each([
    ['not JSON', () => new Response('<html>', { status: 200 })],
    ['no session_token', () => json({ token: 'x' })],
    ['an empty session_token', () => json({ session_token: '' })],
    ['a session_token with spaces', () => json({ session_token: 'a b' })],
    ['an array', () => json(['x'])],
  ])('malformed-response when the body is %s', async (_case, answer) => {
    const { client, delivery } = setup();
    delivery.answer(answer);
    await expect(client.getSession(video)).rejects.toMatchObject({ code: 'malformed-response' });
  });

  it('network error when /session does not answer within `timeout`; the retry may still open it', async () => {
    const signals: AbortSignal[] = [];
    const { client, delivery } = setup({
      timeout: 20,
      retry: { retries: 1 },
      // Stalls, as a request that never gets an answer, until its signal aborts it (as fetch does).
      fetch: (input, init) => {
        signals.push(init!.signal!);
        return signals.length === 1 ? stalled(init!.signal!) : delivery.fetch(input, init);
      },
    });
    await expect(client.getSession(video)).resolves.toMatchObject({ token: 'st-1' });
    expect(signals[0]!.reason).toMatchObject({ name: 'TimeoutError' });
    expect(signals[1]!.aborted).toBe(false);
  });

  it('opens as before where AbortSignal.timeout does not exist (browsers before 2022): no signal, no failure', async () => {
    const descriptor = Object.getOwnPropertyDescriptor(AbortSignal, 'timeout')!;
    Object.defineProperty(AbortSignal, 'timeout', { value: undefined, configurable: true });
    try {
      const { client, delivery } = setup();
      await expect(client.getSession(video)).resolves.toMatchObject({ token: 'st-1' });
      expect(delivery.fetch.mock.calls[0]![1]).toMatchObject({ signal: undefined });
    } finally {
      Object.defineProperty(AbortSignal, 'timeout', descriptor);
    }
  });

  it.each([
    ['answer', () => new Promise<Response>(() => {})],
    ['body', async () => new Response(new ReadableStream({}), { status: 200 })],
  ])(
    'network error when an app fetch that ignores its signal stalls its %s past `timeout`',
    async (_part, fetch) => {
      const { client } = setup({ timeout: 20, retry: { retries: 0 }, fetch });
      const error = await client.getSession(video).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'network', url: undefined });
      expect((error as Error).message).toMatch(/TimeoutError/);
    },
  );

  it('network error, not malformed-response, when the body stalls past `timeout`', async () => {
    const { client } = setup({
      timeout: 20,
      retry: { retries: 0 },
      fetch: async (_input, init) => new Response(stalledBody(init!.signal!), { status: 200 }),
    });
    const error = await client.getSession(video).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'network', status: 200, url: undefined });
    expect((error as Error).message).toMatch(/TimeoutError/);
  });

  it('network error, retried, when the connection breaks off in the body', async () => {
    const { client, delivery } = setup();
    const brokenOff = () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"session_tok'));
            controller.error(new TypeError('network error'));
          },
        }),
      );
    delivery.answer(brokenOff);
    await expect(client.getSession(video)).resolves.toMatchObject({ token: 'st-1' });
    expect(delivery.fetch).toHaveBeenCalledTimes(2);
  });

  it('aborted for the caller that aborts, while the shared request goes on for others', async () => {
    const { client, delivery } = setup();
    const held = deferred<Response>();
    delivery.answer(() => held.promise);
    const controller = new AbortController();
    const aborted = client.getSession(video, { signal: controller.signal });
    const other = client.getSession(video);
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ code: 'aborted' });
    held.resolve(json({ session_token: 'st-x' }));
    await expect(other).resolves.toMatchObject({ token: 'st-x' });
    expect(delivery.fetch).toHaveBeenCalledTimes(1);
  });

  it('an open that fails after a server session arrived (setSession) resolves with that session', async () => {
    const { client, delivery, clock } = setup();
    const held = deferred<Response>();
    delivery.answer(() => held.promise);
    const opening = [client.getSession(video), client.getSession(video)];
    client.setSession(video, { token: 'server-st', expiresAt: clock.now() + 60_000 });
    // The server spent the token first: the browser's own request is refused.
    held.resolve(new Response('', { status: 404 }));
    const sessions = await Promise.all(opening);
    expect(sessions.map((session) => session?.token)).toEqual(['server-st', 'server-st']);
    expect(client.video(video).getState()).toMatchObject({ status: 'open', error: undefined });
  });

  it.each(['open', 'renew'] as const)(
    '%s() of an expired session resolves with a server session that arrived meanwhile, though its renewal failed',
    async (call) => {
      const { client, clock } = setup();
      const minted = deferred<string>();
      const session = client.video(video);
      session.setSession({ token: 'old-st', expiresAt: clock.now() - 1 });
      const renewing = session[call]({ getPrivateToken: () => minted.promise });
      expect(session.getState().status).toBe('renewing');
      // The page's data came back from the server meanwhile, with a session it opened (a router refresh).
      client.setSession(video, { token: 'server-st', expiresAt: clock.now() + 60_000 });
      minted.reject(new Error('the backend is down'));
      await expect(renewing).resolves.toMatchObject({ token: 'server-st' });
      expect(session.getState()).toMatchObject({ status: 'open', error: undefined });
    },
  );

  it('a renewal that fails still rejects when the session it had lives on: that one is no new session', async () => {
    const { client, clock } = setup();
    const session = client.video(video);
    session.setSession({ token: 'old-st', expiresAt: clock.now() + 60_000 });
    const renewing = session.renew({
      getPrivateToken: () => Promise.reject(new Error('the backend is down')),
    });
    await expect(renewing).rejects.toMatchObject({ code: 'renewal-failed' });
    expect(session.getState()).toMatchObject({ status: 'open', session: { token: 'old-st' } });
  });

  it('a subscriber that opens on the "opening" notification joins the request under way', async () => {
    const { client, delivery } = setup();
    const session = client.video(video);
    const joined: Promise<unknown>[] = [];
    session.subscribe((state) => {
      if (state.status === 'opening') joined.push(session.open());
    });
    const first = await session.open();
    expect(await Promise.all(joined)).toEqual([first]);
    expect(delivery.fetch).toHaveBeenCalledTimes(1);
  });

  it("reports a subscriber's exception; it stops neither the other subscribers nor the open", async () => {
    const bug = new Error('bug in an app subscriber');
    // What a microtask throws is reported (the page's `error` event, the console): catch only ours.
    const reported: unknown[] = [];
    const queue = globalThis.queueMicrotask;
    vi.stubGlobal('queueMicrotask', (task: () => void) =>
      queue(() => {
        try {
          task();
        } catch (error) {
          if (error !== bug) throw error;
          reported.push(error);
        }
      }),
    );
    try {
      const { client, delivery } = setup();
      const session = client.video(video);
      const seen: string[] = [];
      session.subscribe(() => {
        throw bug;
      });
      session.subscribe((state) => seen.push(state.status));
      const opening = session.open(); // its "opening" notification throws too: still a promise
      await expect(opening).resolves.toMatchObject({ token: 'st-1' });
      expect(seen).toEqual(['opening', 'open']);
      expect(session.getState().status).toBe('open');
      expect(delivery.fetch).toHaveBeenCalledTimes(1);
      expect(reported).toEqual([bug, bug]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('never hands a subscriber a state that a previous subscriber already replaced', async () => {
    const { client, delivery } = setup();
    const session = client.video(video);
    delivery.answer(
      new Response('', { status: 503 }),
      new Response('', { status: 503 }),
      new Response('', { status: 503 }),
    );
    const retry = (state: { status: string }) => {
      if (state.status === 'error') session.open().catch(() => {}); // retries at once
    };
    const last: string[] = [];
    session.subscribe(retry);
    session.subscribe((state) => last.push(state.status));
    await session.open().catch(() => {});
    expect(last).toEqual(['opening', 'opening']); // 'error' was replaced before this one heard it
    expect(last.at(-1)).toBe(session.getState().status);
  });

  it('aborted at once for an already aborted signal', async () => {
    const { client, delivery } = setup();
    await expect(client.getSession(video, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'aborted',
    });
    expect(delivery.fetch).not.toHaveBeenCalled();
  });
});

describe('SessionClient: renewal', () => {
  it('fails a renewal it cannot make before any open, and leaves its unspent token to open()', async () => {
    const { client, delivery } = setup(); // no getPrivateToken
    const videoSession = client.video(video);
    await expect(client.renew(video)).rejects.toMatchObject({ code: 'session-expired' });
    expect(videoSession.getState()).toMatchObject({ status: 'idle', error: undefined });
    await expect(client.getSession(video)).resolves.toMatchObject({ token: 'st-1' });
    expect(delivery.requests).toEqual([sessionUrl]);
  });

  it('is single-flight: concurrent renewals make one new token and one new session', async () => {
    const getPrivateToken = vi.fn(async () => 'pt2');
    const { client, delivery } = setup({ getPrivateToken });
    await client.getSession(video);
    const renewed = await Promise.all(Array.from({ length: 10 }, () => client.renew(video)));
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    expect(getPrivateToken).toHaveBeenCalledWith(
      expect.objectContaining({ videoId: 'vi1', privateToken: 'pt1' }),
      { signal: expect.any(AbortSignal) },
    );
    expect(delivery.fetch).toHaveBeenCalledTimes(2);
    expect(new Set(renewed.map((session) => session.token))).toEqual(new Set(['st-2']));
  });

  it('joins an open under way instead of spending a second token', async () => {
    const getPrivateToken = vi.fn(async () => 'pt2');
    const { client, delivery } = setup({ getPrivateToken });
    const opening = client.getSession(video);
    const renewing = client.renew(video);
    expect(await renewing).toEqual(await opening);
    expect(getPrivateToken).not.toHaveBeenCalled();
    expect(delivery.requests).toEqual([sessionUrl]);
  });

  it('notifies subscribers of every state change', async () => {
    const { client } = setup({ getPrivateToken: async () => 'pt2' });
    const session = client.video(video);
    const seen: string[] = [];
    const unsubscribe = session.subscribe((state) =>
      seen.push(`${state.status}:${state.session?.token ?? '-'}`),
    );
    await session.open();
    await session.renew();
    unsubscribe();
    await session.renew({ getPrivateToken: async () => 'pt3' });
    expect(seen).toEqual(['opening:-', 'open:st-1', 'renewing:st-1', 'open:st-2']);
  });

  it('renews through a getPrivateToken set after its sessions were created, and not once it is taken away', async () => {
    const getPrivateToken = vi.fn(async () => 'pt2');
    const { client, delivery } = setup();
    const session = client.video(video);
    expect(session.canRenew()).toBe(false);
    client.setGetPrivateToken(getPrivateToken);
    expect(session.canRenew()).toBe(true);
    await session.renew();
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    expect(delivery.requests).toEqual(['https://vod.api.video/vod/vi1/token/pt2/session']);
    client.setGetPrivateToken(undefined);
    expect(session.canRenew()).toBe(false);
    await expect(session.renew()).rejects.toMatchObject({ code: 'session-expired' });
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
  });

  it('signs old-token URLs onto the new token after a renewal', async () => {
    const { client } = setup({ getPrivateToken: async () => 'pt2' });
    await client.getSession(video);
    await client.renew(video);
    expect(client.sign(video, 'https://vod.api.video/vod/vi1/token/pt1/hls/manifest.m3u8?avh=st-1')).toBe(
      'https://vod.api.video/vod/vi1/token/pt2/hls/manifest.m3u8?avh=st-2',
    );
  });

  it('refuses a private token the video had before a renewal: spent, it is not sent to /session again', async () => {
    const getPrivateToken = vi.fn(async () => (getPrivateToken.mock.calls.length === 1 ? 'pt2' : 'pt1'));
    const { client, delivery } = setup({ getPrivateToken });
    await client.getSession(video);
    await client.renew(video);
    const error = await client.renew(video).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'renewal-failed',
      message: expect.stringMatching(/one already used/),
    });
    expect(delivery.requests).toEqual([sessionUrl, 'https://vod.api.video/vod/vi1/token/pt2/session']);
  });

  it('accepts an asset URL that carries the new token', async () => {
    const { client, delivery } = setup({
      getPrivateToken: async () => 'https://vod.api.video/vod/vi1/token/pt9/mp4/source.mp4',
    });
    await client.renew(video);
    expect(delivery.requests).toEqual(['https://vod.api.video/vod/vi1/token/pt9/session']);
  });

  it.each([
    ['throws', async () => Promise.reject(new Error('backend down')), /getPrivateToken failed/],
    ['returns the same token', async () => 'pt1', /already used/],
    ['returns nothing', async () => undefined as unknown as string, /must return a new private token/],
    [
      'returns an invalid token',
      async () => 'bad token',
      /must return a new private token of vi1, got string\./,
    ],
    [
      'returns a URL of another video',
      async () => 'https://vod.api.video/vod/vi2/token/pt9/thumbnail.jpg',
      /must return a new private token of vi1, got a URL of another video or origin\./,
    ],
    [
      "returns the token handler's error JSON (r.json() of its 502)",
      async () => ({ error: { code: 'upstream-error', message: 'The video API failed.' } }) as never,
      /^getPrivateToken must return a new private token of vi1, got the error "upstream-error"\.$/,
    ],
  ])('fails with renewal-failed when getPrivateToken %s', async (_case, getPrivateToken, message) => {
    const { client } = setup({ getPrivateToken });
    const error = await client.renew(video).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'PrivateVideoError', code: 'renewal-failed' });
    expect((error as Error).message).toMatch(message);
  });

  it("fails with forbidden, which no retry gets past, when getPrivateToken returns the handler's 403 JSON", async () => {
    const refusal = { code: 'forbidden', message: 'Not this video.' };
    const { client } = setup({ getPrivateToken: async () => ({ error: refusal }) as never });
    const error = await client.renew(video).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'PrivateVideoError', code: 'forbidden', cause: refusal });
    expect((error as Error).message).toBe(
      'getPrivateToken must return a new private token of vi1, got the error "forbidden".',
    );
    expect(toRetryPlan(error as PrivateVideoError, true)).toBeUndefined();
  });

  it.each([
    ['not-found', 'its 404: no such video in the workspace, deleted since'],
    ['invalid-video-id', 'its 400: an id it cannot read'],
  ])(
    "fails with invalid-source, which no retry gets past, when getPrivateToken returns the handler's %s JSON (%s)",
    async (code) => {
      const refusal = { code, message: 'No video vi1.' };
      const { client } = setup({ getPrivateToken: async () => ({ error: refusal }) as never });
      const error = await client.renew(video).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'PrivateVideoError', code: 'invalid-source', cause: refusal });
      expect(toRetryPlan(error as PrivateVideoError, true)).toBeUndefined();
    },
  );

  it("keeps the token handler's error as the renewal failure's cause", async () => {
    const refusal = { code: 'upstream-error', message: 'The video API failed.' };
    const { client, delivery } = setup({ getPrivateToken: async () => ({ error: refusal }) as never });
    const error = await client.renew(video).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'renewal-failed', cause: refusal });
    expect(delivery.requests).toEqual([]);
  });

  it("accepts the token handler's JSON, { privateToken, … }", async () => {
    const { client, delivery } = setup({
      getPrivateToken: async () => ({ videoId: 'vi1', privateToken: 'pt9', public: false }),
    });
    await client.renew(video);
    expect(delivery.requests).toEqual(['https://vod.api.video/vod/vi1/token/pt9/session']);
  });

  it.each([
    [
      "the handler's JSON as text (a fresh private token among it)",
      JSON.stringify({ videoId: 'vi1', privateToken: 'secret-pt', assets: {} }),
    ],
    ['a string with a session token', 'secret-st secret-pt'],
  ])('never puts what getPrivateToken returned in its error: %s', async (_case, value) => {
    const { client } = setup({ getPrivateToken: async () => value });
    const error = await client.renew(video).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'renewal-failed', message: expect.stringMatching(/got string\.$/) });
    expect(JSON.stringify(error) + String(error)).not.toMatch(/secret/);
  });

  it.each([
    [
      'a signed URL of another video',
      'https://vod.api.video/vod/vi2/token/pt9/thumbnail.jpg?avh=secret-st#avh=secret-st',
    ],
    ['an object holding a session', { privateToken: 42, session: { token: 'secret-st' } }],
  ])('never puts a session token in its error when getPrivateToken returns %s', async (_case, value) => {
    const { client } = setup({ getPrivateToken: async () => value as string });
    const error = await client.renew(video).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'renewal-failed', message: expect.stringMatching(/must return/) });
    expect(JSON.stringify(error) + String(error)).not.toContain('secret-st');
  });

  it('fails with renewal-failed whatever getPrivateToken returns (cyclic objects, BigInts, null prototypes…)', async () => {
    const cyclic: Record<string, unknown> = { status: 200 }; // e.g. an HTTP client's response, not its data
    cyclic.request = { response: cyclic };
    const values = fc.oneof(
      fc.constantFrom<unknown>(cyclic, 10n, Object.create(null), Symbol('x'), () => 'pt2'),
      fc.anything({ withBigInt: true, withNullPrototype: true, withMap: true, withSet: true }),
    );
    await fc.assert(
      fc.asyncProperty(values, async (value) => {
        const { client } = setup({ getPrivateToken: async () => value as string });
        // Whatever it is, the outcome is a session or the typed error that says getPrivateToken is wrong.
        const outcome = await client.renew(video).catch((e: unknown) => e);
        if (!(outcome instanceof Error)) return;
        expect(outcome).toMatchObject({ name: 'PrivateVideoError', code: 'renewal-failed' });
      }),
    );
  });

  it.each([
    [
      'an object whose field throws as it is read (a getter)',
      () => ({
        get privateToken(): string {
          throw new Error('not loaded');
        },
      }),
    ],
    [
      'an object whose error field throws as it is read, beside no token',
      () => ({
        privateToken: 'bad token',
        get error(): unknown {
          throw new Error('not loaded');
        },
      }),
    ],
  ])(
    'fails with renewal-failed, not as a network failure, when getPrivateToken returns %s',
    async (_case, answer) => {
      const { client, delivery } = setup({ getPrivateToken: async () => answer() });
      const error = await client.renew(video).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'PrivateVideoError', code: 'renewal-failed' });
      expect(delivery.requests).toEqual([]);
    },
  );

  it('keeps a session that has not expired when its renewal fails: what uses it still plays', async () => {
    const { client, delivery } = setup({ getPrivateToken: async () => 'pt2', retry: { retries: 0 } });
    const session = await client.getSession(video);
    delivery.answer(new TypeError('offline'));
    await expect(client.renew(video)).rejects.toMatchObject({ code: 'network' });
    expect(client.video(video).getState()).toMatchObject({ status: 'open', session, error: undefined });
    expect(client.video(video).assets().thumbnail).toContain('avh=st-1');
    await expect(client.getSession(video)).resolves.toBe(session);
    expect(delivery.fetch).toHaveBeenCalledTimes(2);
  });

  it('an open during a renewal gets the session that still lives: a failed renewal fails only the renewer', async () => {
    const backend = deferred<string>();
    const { client, delivery } = setup({ getPrivateToken: () => backend.promise });
    const session = await client.getSession(video);
    const renewing = client.renew(video); // ahead of expiry, say
    const opening = client.getSession(video); // a player mounting meanwhile
    backend.reject(new Error('backend down'));
    await expect(renewing).rejects.toMatchObject({ code: 'renewal-failed' });
    await expect(opening).resolves.toBe(session);
    expect(delivery.fetch).toHaveBeenCalledTimes(1);
  });

  it('an open once the session expired joins the renewal, and fails with it', async () => {
    const backend = deferred<string>();
    const { client, clock } = setup({ sessionTtl: 5_000, getPrivateToken: () => backend.promise });
    await client.getSession(video);
    clock.advance(5_000);
    const opening = client.getSession(video);
    backend.reject(new Error('backend down'));
    await expect(opening).rejects.toMatchObject({ code: 'renewal-failed' });
  });

  it('never opens a spent token again: after an expired session failed to renew, open renews', async () => {
    const getPrivateToken = vi.fn().mockResolvedValueOnce('pt2').mockResolvedValueOnce('pt3');
    const { client, clock, delivery } = setup({ sessionTtl: 5_000, getPrivateToken, retry: { retries: 0 } });
    await client.getSession(video);
    clock.advance(5_000);
    delivery.answer(new TypeError('offline'));
    await expect(client.getSession(video)).rejects.toMatchObject({ code: 'network' });
    expect(client.video(video).getState()).toMatchObject({ status: 'error', session: undefined });
    await expect(client.getSession(video)).resolves.toMatchObject({ token: 'st-2' });
    expect(delivery.requests.map((url) => /token\/(\w+)/.exec(url)?.[1])).toEqual(['pt1', 'pt2', 'pt3']);
  });

  it('cannot renew a public video', async () => {
    const { client } = setup();
    await expect(client.renew({ videoId: 'vi1' })).rejects.toMatchObject({ code: 'invalid-source' });
  });
});

function throwError(name: string): never {
  throw new DOMException('storage failed', name);
}

/** A request that gets no answer until `signal` aborts it. */
function stalled(signal: AbortSignal): Promise<Response> {
  return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
}

/** A body that starts, then sends nothing more until `signal` aborts it (as fetch's body does). */
function stalledBody(signal: AbortSignal): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"session_'));
      signal.addEventListener('abort', () => controller.error(signal.reason));
    },
  });
}
