import { describe, expect, it } from 'vitest';
import { createEmulatorControl } from '../src/control/createEmulatorControl.js';
import { emulatorForTest } from './helpers.js';

// A 429 or 503 of the API may say when to come back: clients (the server package's, an app's) read it.
describe('a fault with retryAfter', () => {
  it.each([
    [3, '3'],
    [0, '0'], // come back at once
    ['Wed, 21 Oct 2026 07:28:00 GMT', 'Wed, 21 Oct 2026 07:28:00 GMT'],
    ['soon', 'soon'], // a value a client cannot read, as it is
  ])('answers its status with Retry-After: %s, which pages may read', async (retryAfter, header) => {
    const emulator = await emulatorForTest({ control: true });
    const control = createEmulatorControl(emulator.url);
    await control.addFault({ match: { kind: 'api' }, status: 429, retryAfter, count: 1 });
    const response = await fetch(`${emulator.url}/videos`, { headers: { Origin: 'http://localhost:5173' } });
    expect([response.status, response.headers.get('retry-after')]).toEqual([429, header]);
    expect(response.headers.get('access-control-expose-headers')).toContain('Retry-After');
    expect(emulator.log().map((entry) => [entry.status, entry.rule])).toEqual([[429, 'fault']]);
  });

  it('sends no Retry-After without it, nor once its count is spent', async () => {
    const emulator = await emulatorForTest();
    emulator.addFault({ match: { kind: 'api' }, status: 503, count: 1 });
    const first = await fetch(`${emulator.url}/videos`);
    const second = await fetch(`${emulator.url}/videos`);
    expect([first.status, first.headers.has('retry-after')]).toEqual([503, false]);
    expect([second.status, second.headers.has('retry-after')]).toEqual([401, false]);
  });
});
