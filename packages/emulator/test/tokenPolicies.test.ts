import { describe, expect, it } from 'vitest';
import { emulatorForTest, manualClock, withAvh } from './helpers.js';

async function session(url: string): Promise<{ status: number; avh?: string }> {
  const response = await fetch(url);
  if (response.status !== 200) return { status: response.status };
  return { status: 200, avh: ((await response.json()) as { session_token: string }).session_token };
}

describe('token policies', () => {
  it('sessionTtl: a session lives sessionTtl seconds (default 86400)', async () => {
    const clock = manualClock();
    const emulator = await emulatorForTest({ now: clock.now });
    const { urls } = emulator.mintToken('viPrivateTs');
    const { avh = '' } = await session(urls.session);
    clock.advance(86_399);
    expect((await fetch(withAvh(urls.thumbnail, avh))).status).toBe(200);
    clock.advance(1);
    expect((await fetch(withAvh(urls.thumbnail, avh))).status).toBe(404);
    expect(emulator.log().at(-1)?.rule).toBe('session-expired');
  });

  it('sessionTtl can be set per emulator and per token', async () => {
    const clock = manualClock();
    const emulator = await emulatorForTest({ now: clock.now, sessionTtl: 30 });
    const byDefault = emulator.mintToken('viPrivateTs');
    const perToken = emulator.mintToken('viPrivateTs', { sessionTtl: 5 });
    const a = await session(byDefault.urls.session);
    const b = await session(perToken.urls.session);
    clock.advance(10);
    expect((await fetch(withAvh(byDefault.urls.thumbnail, a.avh ?? ''))).status).toBe(200);
    expect((await fetch(withAvh(perToken.urls.thumbnail, b.avh ?? ''))).status).toBe(404);
    clock.advance(20);
    expect((await fetch(withAvh(byDefault.urls.thumbnail, a.avh ?? ''))).status).toBe(404);
  });

  it('keeps the sessionTtl option under a tokenPolicy whose sessionTtl is undefined ("not set here")', async () => {
    const clock = manualClock();
    const tokenPolicy = { sessionLimit: 2, sessionTtl: undefined };
    const emulator = await emulatorForTest({ now: clock.now, sessionTtl: 60, tokenPolicy });
    const { urls } = emulator.mintToken('viPrivateTs');
    const { avh = '' } = await session(urls.session);
    clock.advance(59);
    expect((await fetch(withAvh(urls.thumbnail, avh))).status).toBe(200);
    clock.advance(1);
    expect((await fetch(withAvh(urls.thumbnail, avh))).status).toBe(404);
    expect(emulator.log().at(-1)?.rule).toBe('session-expired');
  });

  it('sessionLimit: a token may open that many sessions', async () => {
    const emulator = await emulatorForTest();
    const { urls } = emulator.mintToken('viPrivateTs', { sessionLimit: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await session(urls.session)).status);
    expect(statuses).toEqual([200, 200, 200, 404]);
    expect(emulator.log().at(-1)?.rule).toBe('token-used');
  });

  it('expiresAfterFirstUsage false: unsigned requests keep working, sessions stop at session-limit', async () => {
    const emulator = await emulatorForTest();
    const { urls } = emulator.mintToken('viPrivateTs', { expiresAfterFirstUsage: false, sessionLimit: 2 });
    expect((await fetch(urls.thumbnail)).status).toBe(200);
    expect((await fetch(urls.thumbnail)).status).toBe(200);
    expect(emulator.log().map((entry) => entry.rule)).toEqual(['unsigned-first-use', 'unsigned-reuse']);
    expect((await session(urls.session)).status).toBe(200);
    expect((await session(urls.session)).status).toBe(200);
    expect((await session(urls.session)).status).toBe(404);
    expect(emulator.log().at(-1)?.rule).toBe('session-limit');
  });

  it('sessionLimit null means unlimited', async () => {
    const emulator = await emulatorForTest();
    const { urls } = emulator.mintToken('viPrivateTs', { expiresAfterFirstUsage: false, sessionLimit: null });
    for (let i = 0; i < 5; i += 1) expect((await session(urls.session)).status).toBe(200);
  });

  it('timeToLive: an unused token expires after timeToLive seconds', async () => {
    const clock = manualClock();
    const emulator = await emulatorForTest({ now: clock.now });
    const early = emulator.mintToken('viPrivateTs', { timeToLive: 60 });
    const late = emulator.mintToken('viPrivateTs', { timeToLive: 60 });
    clock.advance(59);
    expect((await session(early.urls.session)).status).toBe(200);
    clock.advance(1);
    expect((await session(late.urls.session)).status).toBe(404);
    expect(emulator.log().at(-1)?.rule).toBe('token-expired');
  });

  it('timeToLive does not cut a session opened in time', async () => {
    const clock = manualClock();
    const emulator = await emulatorForTest({ now: clock.now });
    const { urls } = emulator.mintToken('viPrivateTs', { timeToLive: 60 });
    const { avh = '' } = await session(urls.session);
    clock.advance(3600);
    expect((await fetch(withAvh(urls.thumbnail, avh))).status).toBe(200);
  });

  it('expirationDate: ends the token and caps its sessions', async () => {
    const clock = manualClock();
    const emulator = await emulatorForTest({ now: clock.now });
    const expirationDate = new Date(clock.now() + 100_000).toISOString();
    const used = emulator.mintToken('viPrivateTs', { expirationDate });
    const unused = emulator.mintToken('viPrivateTs', { expirationDate });
    const { avh = '' } = await session(used.urls.session);
    clock.advance(99);
    expect((await fetch(withAvh(used.urls.thumbnail, avh))).status).toBe(200);
    clock.advance(1);
    expect((await fetch(withAvh(used.urls.thumbnail, avh))).status).toBe(404);
    expect(emulator.log().at(-1)?.rule).toBe('session-expired');
    expect((await session(unused.urls.session)).status).toBe(404);
    expect(emulator.log().at(-1)?.rule).toBe('token-expired');
  });

  it('refuses times that are no times: a NaN sessionTtl would never expire a session, a NaN expirationDate never end a token', async () => {
    // Without the check, a session of a NaN-TTL emulator was still served 10 days later (NaN compares false).
    for (const sessionTtl of [Number.NaN, -1]) {
      await expect(emulatorForTest({ sessionTtl }), String(sessionTtl)).rejects.toThrow(RangeError);
    }
    // Same for the API's access tokens: a NaN lifetime made every Bearer token invalid at once.
    for (const accessTokenTtl of [Number.NaN, -1]) {
      await expect(emulatorForTest({ accessTokenTtl }), String(accessTokenTtl)).rejects.toThrow(RangeError);
    }
    const emulator = await emulatorForTest();
    expect(() => emulator.mintToken('viPrivateTs', { expirationDate: Number.NaN })).toThrow(RangeError);
    await expect(emulatorForTest({ tokenPolicy: { expirationDate: Number.NaN } })).rejects.toThrow(
      RangeError,
    );
  });

  it('per-video policies apply to every token of that video', async () => {
    const emulator = await emulatorForTest({ videoPolicies: { viGrid01: { sessionLimit: 2 } } });
    const grid = emulator.mintToken('viGrid01');
    expect((await session(grid.urls.session)).status).toBe(200);
    expect((await session(grid.urls.session)).status).toBe(200);
    const other = emulator.mintToken('viGrid02');
    expect((await session(other.urls.session)).status).toBe(200);
    expect((await session(other.urls.session)).status).toBe(404);
  });
});
