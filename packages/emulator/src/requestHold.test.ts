import type { ServerResponse } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { RequestHold } from './requestHold.js';

describe('RequestHold.dropOnRelease', () => {
  it('drops the connection at a reset until stopped, and not after (no listener left behind)', () => {
    const released = new AbortController();
    const res = { destroy: vi.fn() } as unknown as ServerResponse;
    const stop = new RequestHold(released.signal, res).dropOnRelease();
    stop();
    released.abort();
    expect(res.destroy).not.toHaveBeenCalled();
  });
});
