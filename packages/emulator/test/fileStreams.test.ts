import type { ReadStream } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { emulatorForTest, openSession, rawRequest } from './helpers.js';

// Every file stream the emulator opens, to check none is left open.
const streams = vi.hoisted(() => [] as ReadStream[]);
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const createReadStream: typeof fs.createReadStream = (...args) => {
    const stream = fs.createReadStream(...args);
    streams.push(stream);
    return stream;
  };
  return { ...fs, createReadStream };
});

describe('file streams', () => {
  it('opens no file for good when the client left before its reply was written', async () => {
    const emulator = await emulatorForTest();
    const { urls, avh } = await openSession(emulator, 'viPrivateTs');
    // The client hangs up as soon as its request arrives, while the emulator is still deciding the reply.
    emulator.server.on('request', (req) => req.socket.destroy());
    streams.length = 0;
    for (const url of [`${urls.mp4}?avh=${avh}`, `${urls.thumbnail}?avh=${avh}`]) {
      await expect(rawRequest(emulator.url, new URL(url).pathname + new URL(url).search)).rejects.toThrow();
    }
    await vi.waitFor(() => expect(emulator.log().filter((entry) => entry.rule === 'signed')).toHaveLength(2));
    await vi.waitFor(() => expect(streams.filter((stream) => !stream.closed)).toEqual([]));
  });

  it('still streams whole files and ranges, and closes them', async () => {
    const emulator = await emulatorForTest();
    streams.length = 0;
    const whole = await fetch(`${emulator.url}/vod/viPublicTs/mp4/source.mp4`);
    const size = (await whole.arrayBuffer()).byteLength;
    expect(size).toBe(Number(whole.headers.get('content-length')));
    const part = await fetch(`${emulator.url}/vod/viPublicTs/mp4/source.mp4`, {
      headers: { Range: 'bytes=10-19' },
    });
    expect((await part.arrayBuffer()).byteLength).toBe(10);
    expect(streams).toHaveLength(2);
    await vi.waitFor(() => expect(streams.every((stream) => stream.closed)).toBe(true));
  });
});
