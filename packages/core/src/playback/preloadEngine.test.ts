import { expect, it, vi } from 'vitest';
import { preloadEngine } from './preloadEngine.js';

// A chunk that cannot be downloaded (the viewer went offline), as the dynamic import sees it.
vi.mock('../engines/videojsEngine.js', () => {
  throw new TypeError('Failed to fetch dynamically imported module');
});

it('never rejects: a failed download is left to the player, which asks again and reports it', async () => {
  await expect(preloadEngine('video.js')).resolves.toBeUndefined();
});
