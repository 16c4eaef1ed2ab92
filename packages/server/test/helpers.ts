import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Emulator, type EmulatorOptions, startEmulator } from '@private-video/emulator';
import { afterEach } from 'vitest';
import { type ApiVideoClientOptions, createApiVideoClient } from '../src/index.js';

const running: Emulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

/** An emulator on a free port, closed after the current test. */
export async function emulatorForTest(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = await startEmulator({ port: 0, ...options });
  running.push(emulator);
  return emulator;
}

/** A client of the API at `baseUrl` (an emulator) whose waits are recorded instead of slept. */
export function clientFor(baseUrl: string, options: Partial<ApiVideoClientOptions> = {}) {
  const sleeps: number[] = [];
  const client = createApiVideoClient({
    apiKey: 'emulator-api-key',
    baseUrl,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    ...options,
  });
  return { client, sleeps };
}

/** `METHOD path status` of the API requests the emulator saw. */
export function apiLog(emulator: Emulator): string[] {
  return emulator
    .log()
    .filter((entry) => entry.kind === 'api')
    .map((entry) => `${entry.method} ${entry.path} ${entry.status}`);
}

/** A loopback port with nothing listening on it (a server was there a moment ago). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A hand-moved clock shared by the emulator and the client, so expiry tests never sleep. */
export function manualClock(start = Date.UTC(2025, 0, 1)) {
  let time = start;
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
}
