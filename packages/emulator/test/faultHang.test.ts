import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/startEmulator.js';
import { emulatorForTest, withAvh } from './helpers.js';

/** Starts a request and resolves once the emulator has received it, with the server's side of it. */
async function arrive(emulator: Emulator, url: string, init: RequestInit = {}) {
  const arrived = once(emulator.server, 'request') as Promise<[IncomingMessage, ServerResponse]>;
  const response = fetch(url, init).catch((error: unknown) => error);
  const [, res] = await arrived;
  return { response, res };
}

describe('faults with hang: true', () => {
  it('never answer: the client gives up, then the request is logged with status 0 and spends nothing', async () => {
    const emulator = await emulatorForTest();
    emulator.addFault({ match: { kind: 'session' }, hang: true, count: 1 });
    const { urls, privateToken } = emulator.mintToken('viPrivateTs');
    const giveUp = new AbortController();
    const { response, res } = await arrive(emulator, urls.session, { signal: giveUp.signal });
    const left = once(res, 'close');
    giveUp.abort();
    expect(await response).toMatchObject({ name: 'AbortError' });
    await left;
    expect(emulator.log()).toEqual([
      expect.objectContaining({
        path: new URL(urls.session).pathname,
        kind: 'session',
        status: 0,
        rule: 'fault-hang',
        privateToken,
      }),
    ]);
    expect(emulator.faults()).toMatchObject([{ hang: true, matched: 1, served: 1 }]);
    // count: 1 is spent, and the hung request did not spend the token.
    expect((await fetch(urls.session)).status).toBe(200);
    expect(emulator.log().at(-1)?.rule).toBe('session-opened');
  });

  it('reset() drops a hung request: nothing of it is left in the next state, no rule ran for it', async () => {
    const emulator = await emulatorForTest();
    const before = emulator.mintToken('viPrivateTs');
    const { avh } = await openedSession(before.urls.session);
    emulator.addFault({ match: { kind: 'thumbnail' }, hang: true });
    // A signed request would be served by the `signed` rule, were any rule to run for it.
    const { response } = await arrive(emulator, withAvh(before.urls.thumbnail, avh));
    emulator.reset();
    expect(await response).toBeInstanceOf(TypeError);
    expect(emulator.log()).toEqual([]);
    expect(emulator.faults()).toEqual([]);
    const after = emulator.mintToken('viPrivateTs');
    expect((await fetch(after.urls.session)).status).toBe(200);
    expect(emulator.log().map((entry) => entry.rule)).toEqual(['session-opened']);
  });

  it('close() drops hung requests and resolves; the log keeps them', async () => {
    const emulator = await startEmulator({ port: 0 });
    emulator.addFault({ match: { path: 'thumbnail' }, hang: true });
    const { response } = await arrive(emulator, `${emulator.url}/vod/viPublicTs/thumbnail.jpg`);
    await emulator.close();
    expect(await response).toBeInstanceOf(TypeError);
    expect(emulator.log().map((entry) => [entry.status, entry.rule])).toEqual([[0, 'fault-hang']]);
  });
});

async function openedSession(sessionUrl: string): Promise<{ avh: string }> {
  const { session_token } = (await (await fetch(sessionUrl)).json()) as { session_token: string };
  return { avh: session_token };
}
