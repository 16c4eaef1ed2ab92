import { type ApiVideoClientOptions, createApiVideoClient } from '../createApiVideoClient.js';
import { createClock, createFakeApi } from './fakeApi.js';

/**
 * A client of the fake API on a fake clock, whose waits return at once (each recorded in `sleeps`) and whose
 * jitter is the middle of its range, so that retries are exact.
 */
export function setupClient(options: Partial<ApiVideoClientOptions> & { expiresIn?: number } = {}) {
  const clock = createClock();
  const api = createFakeApi({ now: clock.now, expiresIn: options.expiresIn });
  const sleeps: number[] = [];
  const client = createApiVideoClient({
    apiKey: api.apiKey,
    baseUrl: 'https://ws.api.video',
    fetch: api.fetch,
    now: clock.now,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    ...options,
  });
  return { client, api, clock, sleeps };
}
