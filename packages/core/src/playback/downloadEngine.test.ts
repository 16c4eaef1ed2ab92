import { describe, expect, it } from 'vitest';
import { downloadEngine } from './downloadEngine.js';

/** The error of the module Vite 7 builds in place of a missing optional peer (its `optionalPeerDep` load). */
const unresolved = (peer: string) =>
  new Error(`Could not resolve "${peer}" imported by "@private-video/core".`);

describe('downloadEngine', () => {
  it.each(['hls.js', 'video.js'] as const)(
    'fails as unsupported, naming %s, when the app was built without it (Vite 7)',
    async (name) => {
      const failed = downloadEngine(name, () => Promise.reject(unresolved(name)));
      await expect(failed).rejects.toMatchObject({
        code: 'unsupported',
        message: expect.stringContaining(`${name} is not installed`),
      });
    },
  );

  it('fails as network when the chunk does not download, or another module is missing', async () => {
    for (const error of [
      new TypeError('Failed to fetch dynamically imported module'),
      unresolved('hls.js'),
    ]) {
      await expect(downloadEngine('video.js', () => Promise.reject(error))).rejects.toMatchObject({
        code: 'network',
        message: expect.stringContaining('Could not download the video.js engine'),
      });
    }
    for (const reason of ['offline', undefined, null]) {
      await expect(downloadEngine('hls.js', () => Promise.reject(reason))).rejects.toMatchObject({
        code: 'network',
      });
    }
  });
});
