import { it, vi } from 'vitest';
import { cleanUpEachTest } from './browserHelpers.js';
import { expectEngineNotInstalled } from './expectEngineNotInstalled.js';

// What a bundler may build in place of a missing optional peer: an empty module (Vite, for a `require`). Without a
// check, hls.js's engine failed as `network` on a TypeError, and video.js's played the mp4 as if the browser could
// not play HLS.
vi.mock('hls.js', () => ({ default: {} }));
vi.mock('video.js', () => ({ default: {} }));

cleanUpEachTest();

it.each(['hls.js', 'video.js'] as const)(
  'fails as unsupported, naming %s, when the app was built without it, and loads nothing of the video',
  (engine) => expectEngineNotInstalled(engine),
);
