import { describe, expect, it, vi } from 'vitest';
import {
  type Authorize,
  createPrivateTokenHandler,
  openSession,
  type PrivateTokenResponse,
} from '../src/index.js';
import { apiLog, clientFor, emulatorForTest } from './helpers.js';

const page = 'https://app.example.com/api/private-token';

describe('createPrivateTokenHandler against the emulator', () => {
  it('hands out fresh private tokens that open sessions', async () => {
    const emulator = await emulatorForTest();
    const { client } = clientFor(emulator.url);
    const handler = createPrivateTokenHandler({ client, authorize: () => true });
    const answers: PrivateTokenResponse[] = [];
    for (let i = 0; i < 2; i++) {
      const response = await handler(new Request(`${page}?videoId=viPrivateFmp4`));
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      answers.push(await response.json());
    }
    const [first, second] = answers as [PrivateTokenResponse, PrivateTokenResponse];
    expect(first).toMatchObject({ videoId: 'viPrivateFmp4', live: false, public: false });
    expect(second.privateToken).not.toBe(first.privateToken);
    for (const answer of answers) {
      const opened = await openSession(answer);
      expect((await fetch(opened.assets.hls)).status).toBe(200);
    }
  });

  it('asks authorize first, and mints nothing when it says no', async () => {
    const emulator = await emulatorForTest();
    const { client } = clientFor(emulator.url);
    const authorize = vi.fn<Authorize>((request) => request.headers.get('cookie') === 'user=paid');
    const handler = createPrivateTokenHandler({ client, authorize });

    const denied = await handler(new Request(`${page}/viPrivateTs`));
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect(apiLog(emulator)).toEqual([]);

    const allowed = await handler(new Request(`${page}/viPrivateTs`, { headers: { cookie: 'user=paid' } }));
    expect(allowed.status).toBe(200);
    expect(authorize).toHaveBeenLastCalledWith(expect.any(Request), 'viPrivateTs');
    expect(apiLog(emulator)).toEqual(['POST /auth/api-key 200', 'GET /videos/viPrivateTs 200']);
  });

  it('answers 404 for an unknown video and 502 when the API fails', async () => {
    const emulator = await emulatorForTest();
    const { client } = clientFor(emulator.url);
    const onError = vi.fn();
    const handler = createPrivateTokenHandler({ client, authorize: () => true, onError });
    expect((await handler(new Request(`${page}?videoId=viDoesNotExist`))).status).toBe(404);

    emulator.addFault({ match: { path: '/videos/' }, status: 500 });
    const failed = await handler(new Request(`${page}?videoId=viPrivateTs`));
    expect(failed.status).toBe(502);
    expect(await failed.json()).toEqual({
      error: { code: 'upstream-error', message: 'Could not get a private token from api.video (server).' },
    });
    expect(onError).toHaveBeenCalledOnce();
  });

  it('serves live stream tokens', async () => {
    const emulator = await emulatorForTest();
    const { client } = clientFor(emulator.url);
    const handler = createPrivateTokenHandler({ client, authorize: () => true });
    const response = await handler(new Request(`${page}?videoId=liPrivateLive`));
    expect(await response.json()).toMatchObject({ videoId: 'liPrivateLive', live: true, public: false });
  });
});
