import { describe, expect, it } from 'vitest';
import { createEmulatorControl, EmulatorControlError } from '../src/control/createEmulatorControl.js';
import type { ExpireFilter, FaultSpec, LogFilter, TokenPolicy } from '../src/control/types.js';
import { emulatorForTest, withAvh } from './helpers.js';

const FAULT_KEYS = 'the keys are match, status, retryAfter, delayMs, hang, cutAfterBytes, count, after';
const POLICY_KEYS =
  'the keys are expiresAfterFirstUsage, timeToLive, sessionLimit, sessionTtl, expirationDate';

async function call(url: string, method: string, body: unknown) {
  const response = await fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { error?: string } };
}

describe('control calls refuse keys they do not know, naming the key instead of ignoring it', () => {
  it('POST /faults and addFault: a misspelt field or matcher is a 400, and no fault goes in', async () => {
    const emulator = await emulatorForTest({ control: true });
    const match = { kind: 'session' } as const;
    const refused: [unknown, string][] = [
      // Each of these was accepted, and then acted otherwise than meant.
      [{ match, stauts: 500 }, `fault: unknown key "stauts" (did you mean "status"?); ${FAULT_KEYS}`],
      [
        { match, status: 503, delay: 100 },
        `fault: unknown key "delay" (did you mean "delayMs"?); ${FAULT_KEYS}`,
      ],
      [
        { match, status: 503, hangs: true },
        `fault: unknown key "hangs" (did you mean "hang"?); ${FAULT_KEYS}`,
      ],
      [{ match, status: 503, cout: 1 }, `fault: unknown key "cout" (did you mean "count"?); ${FAULT_KEYS}`],
      [{ match, status: 503, retries: 2 }, `fault: unknown key "retries"; ${FAULT_KEYS}`],
      // A listed fault's counters are not a spec: they would be kept as if they were.
      [{ match, status: 503, id: 'fault-1' }, `fault: unknown key "id"; ${FAULT_KEYS}`],
      [
        { match: { videoid: 'viPrivateTs' }, status: 500 },
        'match: unknown key "videoid" (did you mean "videoId"?); the keys are path, kind, videoId',
      ],
      [
        { match: { url: '/session' }, status: 500 },
        'match: unknown key "url"; the keys are path, kind, videoId',
      ],
    ];
    for (const [body, message] of refused) {
      const label = JSON.stringify(body);
      expect(await call(`${emulator.url}/__emulator/faults`, 'POST', body), label).toEqual({
        status: 400,
        body: { error: message },
      });
      expect(() => emulator.addFault(body as FaultSpec), label).toThrow(new RangeError(message));
    }
    expect(emulator.faults()).toEqual([]);
    // The same faults spelt right go in.
    expect(
      (await call(`${emulator.url}/__emulator/faults`, 'POST', { match, status: 503, count: 1 })).status,
    ).toBe(201);
    expect(emulator.addFault({ match, delayMs: 100 })).toEqual({ id: expect.any(String) });
  });

  it('PUT /latency: a misspelt ms is a 400 naming it, and the latency stays', async () => {
    const emulator = await emulatorForTest({ control: true });
    const put = (body: unknown) => call(`${emulator.url}/__emulator/latency`, 'PUT', body);
    expect(await put({ ms: 10, jitter: 5 })).toEqual({
      status: 400,
      body: { error: 'latency: unknown key "jitter"; the only key is ms' },
    });
    expect(await put({ MS: 10 })).toEqual({
      status: 400,
      body: { error: 'latency: unknown key "MS" (did you mean "ms"?); the only key is ms' },
    });
    expect(await (await fetch(`${emulator.url}/__emulator/latency`)).json()).toEqual({ ms: 0 });
    expect(await put({ ms: 10 })).toEqual({ status: 200, body: { ms: 10 } });
  });

  it('POST /tokens and mintToken: a misspelt field of the request or of its policy is a 400', async () => {
    const emulator = await emulatorForTest({ control: true });
    const post = (body: unknown) => call(`${emulator.url}/__emulator/tokens`, 'POST', body);
    expect(await post({ videoId: 'viPrivateTs', polcy: { sessionLimit: 3 } })).toEqual({
      status: 400,
      body: {
        error: 'token request: unknown key "polcy" (did you mean "policy"?); the keys are videoId, policy',
      },
    });
    const misspeltPolicy = `policy: unknown key "sessionlimit" (did you mean "sessionLimit"?); ${POLICY_KEYS}`;
    expect(await post({ videoId: 'viPrivateTs', policy: { sessionlimit: 3 } })).toEqual({
      status: 400,
      body: { error: misspeltPolicy },
    });
    // The handle too: it used to mint a token with the default policy, one session instead of three.
    expect(() =>
      emulator.mintToken('viPrivateTs', { sessionlimit: 3 } as unknown as Partial<TokenPolicy>),
    ).toThrow(new RangeError(misspeltPolicy));
    expect((await post({ videoId: 'viPrivateTs', policy: { sessionLimit: 3 } })).status).toBe(201);
  });

  it('the tokenPolicy and videoPolicies options: a misspelt field stops the start, naming where', async () => {
    await expect(
      emulatorForTest({ tokenPolicy: { sesionTtl: 5 } as unknown as Partial<TokenPolicy> }),
    ).rejects.toThrow(
      new RangeError(`tokenPolicy: unknown key "sesionTtl" (did you mean "sessionTtl"?); ${POLICY_KEYS}`),
    );
    await expect(
      emulatorForTest({
        videoPolicies: { viGrid01: { timeTolive: 5 } as unknown as Partial<TokenPolicy> },
      }),
    ).rejects.toThrow(
      new RangeError(
        `videoPolicies.viGrid01: unknown key "timeTolive" (did you mean "timeToLive"?); ${POLICY_KEYS}`,
      ),
    );
  });

  it('POST /sessions/expire and expireSessions: a misspelt filter is a 400, not "expire every session"', async () => {
    const emulator = await emulatorForTest({ control: true });
    const { urls } = emulator.mintToken('viPrivateTs');
    const { session_token: avh } = (await (await fetch(urls.session)).json()) as { session_token: string };
    const message =
      'filter: unknown key "videoID" (did you mean "videoId"?); the keys are videoId, privateToken, sessionToken';
    expect(
      await call(`${emulator.url}/__emulator/sessions/expire`, 'POST', { videoID: 'viPrivateTs' }),
    ).toEqual({
      status: 400,
      body: { error: message },
    });
    expect(() => emulator.expireSessions({ videoID: 'viPrivateTs' } as unknown as ExpireFilter)).toThrow(
      new RangeError(message),
    );
    expect(() => emulator.expireSessions({ videoId: 7 } as unknown as ExpireFilter)).toThrow(
      new RangeError('videoId must be a string'),
    );
    // The session is still alive: nothing was expired.
    expect((await fetch(withAvh(urls.thumbnail, avh))).status).toBe(200);
    expect(emulator.expireSessions({ videoId: 'viPrivateTs' })).toEqual({ expired: 1 });
  });

  it('GET /log, log() and the control client: a misspelt since is refused, not read as the whole log', async () => {
    const emulator = await emulatorForTest({ control: true });
    const response = await fetch(`${emulator.url}/__emulator/log?sinse=1`);
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 400,
      body: {
        error:
          'log: unknown query parameter "sinse" (did you mean "since"?); the only query parameter is since',
      },
    });
    const message = 'log filter: unknown key "snice" (did you mean "since"?); the only key is since';
    expect(() => emulator.log({ snice: 1 } as LogFilter)).toThrow(new RangeError(message));
    // The fetch client sends the filter as it is, so the emulator refuses what it would have dropped.
    const control = createEmulatorControl(emulator.url);
    const refused = await control.log({ snice: 1 } as LogFilter).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(EmulatorControlError);
    expect(refused).toMatchObject({ status: 400, method: 'GET' });
    expect(await control.log({ since: 0 })).toEqual([]);
  });
});
