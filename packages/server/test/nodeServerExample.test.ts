import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs example, without type declarations.
import { createExampleServer } from '../examples/node-server.mjs';
import { openSession } from '../src/index.js';
import { emulatorForTest } from './helpers.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }),
  );
});

async function startExample(baseUrl: string): Promise<string> {
  const server: Server = createExampleServer({
    apiKey: 'emulator-api-key',
    baseUrl,
    videoIds: ['viPrivateTs'],
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('examples/node-server.mjs against the emulator', () => {
  it('serves a private token over HTTP that opens a session', async () => {
    const emulator = await emulatorForTest();
    const origin = await startExample(emulator.url);
    const response = await fetch(`${origin}/api/private-token?videoId=viPrivateTs`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ videoId: 'viPrivateTs', public: false, privateToken: expect.any(String) });
    const opened = await openSession(body);
    expect((await fetch(opened.assets.thumbnail)).status).toBe(200);
  });

  it('serves the path form the README documents too: /api/private-token/{videoId}', async () => {
    const emulator = await emulatorForTest();
    const origin = await startExample(emulator.url);
    const response = await fetch(`${origin}/api/private-token/viPrivateTs`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ videoId: 'viPrivateTs', privateToken: expect.any(String) });
  });

  it('refuses videos outside its allow-list', async () => {
    const emulator = await emulatorForTest();
    const origin = await startExample(emulator.url);
    const response = await fetch(`${origin}/api/private-token?videoId=viPrivateFmp4`);
    expect(response.status).toBe(403);
  });

  it('renders a page whose signed URLs work without another /session', async () => {
    const emulator = await emulatorForTest();
    const origin = await startExample(emulator.url);
    const html = await (await fetch(`${origin}/watch?videoId=viPrivateTs`)).text();
    const thumbnail = /<img src="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
    expect(thumbnail).toMatch(/\/thumbnail\.jpg\?avh=/);
    expect((await fetch(thumbnail!)).status).toBe(200);
    expect(emulator.log().filter((entry) => entry.kind === 'session')).toHaveLength(1);
  });
});
