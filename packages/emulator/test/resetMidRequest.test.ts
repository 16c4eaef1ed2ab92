import { once } from 'node:events';
import { connect } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { RequestHold } from '../src/requestHold.js';
import { emulatorForTest } from './helpers.js';

/** Everything the server sends on `socket` until the connection ends. */
function received(socket: ReturnType<typeof connect>): Promise<string> {
  let text = '';
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString('latin1');
  });
  socket.on('error', () => {}); // a dropped connection is one of the outcomes under test
  return once(socket, 'close').then(() => text);
}

describe('reset() while a request is still being handled (not held by a latency, a delay or a hang)', () => {
  it('a request whose body was still arriving runs no rule, is not logged into the new state, and is dropped', async () => {
    const emulator = await emulatorForTest();
    const body = JSON.stringify({ apiKey: 'emulator-api-key' });
    const arrived = once(emulator.server, 'request');
    const socket = connect(emulator.port, '127.0.0.1');
    const answer = received(socket);
    // Connection: close, so an answer (if any) ends the connection and the test never waits on keep-alive.
    socket.write(
      `POST /auth/api-key HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`,
    );
    // The handler has started and cannot finish before the rest of the body: it is mid-request now.
    await arrived;
    emulator.reset();
    socket.write(body.slice(5));
    expect(await answer).toBe('');
    expect(emulator.log()).toEqual([]);
  });

  it('drops a request whose body is still arriving at once, without waiting for the rest of it', async () => {
    const errors: unknown[] = [];
    const emulator = await emulatorForTest({ onError: (error) => errors.push(error) });
    const arrived = once(emulator.server, 'request');
    const socket = connect(emulator.port, '127.0.0.1');
    const answer = received(socket);
    socket.write(
      'POST /auth/api-key HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"apiKey"',
    );
    await arrived;
    emulator.reset();
    // The rest of the body never comes: only the emulator can end this connection.
    expect(await answer).toBe('');
    expect(emulator.log()).toEqual([]);
    // A request dropped by a reset is not a failure of the emulator.
    expect(errors).toEqual([]);
  });

  it('stops dropping a request at a reset once it is answered (no listener left on the reset signal)', async () => {
    const emulator = await emulatorForTest();
    const { dropOnRelease } = RequestHold.prototype;
    const calls: string[] = [];
    vi.spyOn(RequestHold.prototype, 'dropOnRelease').mockImplementation(function (this: RequestHold) {
      calls.push('drop on release');
      const stop = dropOnRelease.call(this);
      return () => {
        calls.push('stop');
        stop();
      };
    });
    const response = await fetch(`http://127.0.0.1:${emulator.port}/auth/api-key`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiKey: 'emulator-api-key' }),
    });
    expect(response.status).toBe(200);
    expect(calls).toEqual(['drop on release', 'stop']);
  });
});
