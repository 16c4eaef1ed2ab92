import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, onTestFinished } from 'vitest';
import type { EmulatorOptions } from '../src/emulatorOptions.js';
import { type Emulator, startEmulator } from '../src/startEmulator.js';

/** A hand-moved clock, so TTL tests never sleep. */
export function manualClock(start = Date.UTC(2025, 0, 1)) {
  let now = start;
  return {
    now: () => now,
    advance(seconds: number) {
      now += seconds * 1000;
    },
  };
}

const running: Emulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

/** A new empty folder in the system's temporary one, removed after the current test. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** An emulator on a free port, closed after the current test. */
export async function emulatorForTest(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = await startEmulator({ port: 0, ...options });
  running.push(emulator);
  return emulator;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * A request with the path sent byte for byte: `fetch` would normalise `..` and `%2e%2e` before sending,
 * which would hide exactly what the traversal tests need to send. It may set `Host`, which `fetch` may not.
 */
export function rawRequest(
  baseUrl: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, path, method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Opens a session for a freshly minted token; returns the token, the session and the URLs. */
export async function openSession(emulator: Emulator, videoId: string) {
  const minted = emulator.mintToken(videoId);
  const response = await fetch(minted.urls.session);
  const { session_token: avh } = (await response.json()) as { session_token: string };
  return { ...minted, avh };
}

export function withAvh(url: string, avh: string): string {
  const signed = new URL(url);
  signed.searchParams.set('avh', avh);
  return signed.toString();
}
