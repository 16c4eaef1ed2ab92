import { afterEach, describe, expect, it, vi } from 'vitest';

// What Vite puts in place of a missing optional peer: an empty module.
afterEach(() => {
  vi.doUnmock('hls.js');
  vi.doUnmock('video.js');
  vi.resetModules();
});

describe('an engine whose player library is missing from the bundle', () => {
  it.each([
    ['hls.js', './hlsEngine.js'],
    ['video.js', './videojsEngine.js'],
  ] as const)('%s: its module fails to load as unsupported, naming the library', async (name, path) => {
    vi.resetModules();
    vi.doMock(name, () => ({ default: {} }));
    await expect(import(path)).rejects.toMatchObject({
      name: 'PrivateVideoError',
      code: 'unsupported',
      message: expect.stringContaining(`${name} is not installed`),
    });
  });

  it.each([
    ['hls.js', './hlsEngine.js'],
    ['video.js', './videojsEngine.js'],
  ] as const)('%s: loads when the library is there', async (_name, path) => {
    vi.resetModules();
    await expect(import(path)).resolves.toBeDefined();
  });
});
