import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { startEmulator } from '../src/startEmulator.js';
import { emulatorForTest } from './helpers.js';

/** What Node's accept loop emits when the process runs out of file descriptors. */
function acceptError(): NodeJS.ErrnoException {
  return Object.assign(new Error('accept EMFILE'), { code: 'EMFILE', syscall: 'accept' });
}

describe('server errors after listening', () => {
  it('are reported to onError instead of crashing the process, and the emulator keeps serving', async () => {
    const onError = vi.fn();
    const emulator = await emulatorForTest({ onError });
    const error = acceptError();
    // Without a listener, `emit('error')` throws: in a real server that is an uncaught exception.
    expect(() => emulator.server.emit('error', error)).not.toThrow();
    expect(onError).toHaveBeenCalledWith(error);
    expect((await fetch(`${emulator.url}/vod/viPublicTs/thumbnail.jpg`)).status).toBe(200);
  });

  it('are written to stderr (console.error) when no onError is given', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const emulator = await emulatorForTest();
    const error = acceptError();
    emulator.server.emit('error', error);
    expect(consoleError).toHaveBeenCalledWith(expect.stringContaining('emulator'), error);
  });

  it('still reach stderr when onError itself throws', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const broken = new Error('reporter broke');
    const emulator = await emulatorForTest({
      onError: () => {
        throw broken;
      },
    });
    const error = acceptError();
    expect(() => emulator.server.emit('error', error)).not.toThrow();
    expect(consoleError).toHaveBeenCalledWith(expect.any(String), error);
    expect(consoleError).toHaveBeenCalledWith(expect.any(String), broken);
  });

  it('close() twice (a test closing its emulator, then the afterEach) resolves both times', async () => {
    const emulator = await startEmulator({ port: 0 });
    await emulator.close();
    // Node's server.close() rejects a second call with ERR_SERVER_NOT_RUNNING.
    await expect(emulator.close()).resolves.toBeUndefined();
    await expect(Promise.all([emulator.close(), emulator.close()])).resolves.toEqual([undefined, undefined]);
  });

  it('leave no listener behind once close() has resolved', async () => {
    const emulator = await startEmulator({ port: 0, onError: () => {} });
    const before = emulator.server.listenerCount('error');
    expect(before).toBeGreaterThan(0);
    await emulator.close();
    expect(emulator.server.listenerCount('error')).toBe(0);
  });
});

describe('unexpected failures while handling a request', () => {
  it('answer a bare 500 and are reported to onError', async () => {
    const onError = vi.fn();
    const emulator = await emulatorForTest({ onError });
    const bug = new Error('a bug in a route');
    // The handle's catalog is the one the routes read: a throwing lookup stands for any bug in them.
    vi.spyOn(emulator.catalog, 'findVideo').mockImplementation(() => {
      throw bug;
    });
    const response = await fetch(`${emulator.url}/vod/viPublicTs/thumbnail.jpg`);
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('');
    expect(onError).toHaveBeenCalledWith(bug);
  });

  it('are not reported when the client hung up mid-request: that is no failure of the emulator', async () => {
    const onError = vi.fn();
    const emulator = await emulatorForTest({ onError });
    const responded = once(emulator.server, 'request') as Promise<[unknown, ServerResponse]>;
    const socket = connect(emulator.port, '127.0.0.1');
    await once(socket, 'connect');
    // A body announced at 100 bytes, cut short after 2: reading it fails on the emulator's side.
    socket.write(
      'POST /auth/api-key HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"',
    );
    const [, res] = await responded;
    socket.destroy();
    // The handler has given up on the request once it ended the response (a 500 nobody receives).
    await vi.waitFor(() => expect(res.writableEnded).toBe(true));
    expect(onError).not.toHaveBeenCalled();
  });
});
