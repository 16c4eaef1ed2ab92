import { it } from 'vitest';
import { cleanUpEachTest } from './browserHelpers.js';
import { expectEngineNotInstalled } from './expectEngineNotInstalled.js';

// What Vite 7 builds, without a warning, for an `import` of a missing optional peer is a module that throws as
// it runs (fixtures/unresolvedPeer.ts): the engine's chunk, which imports it, fails to load with its error. The
// engine failed as `network`, with a "Try again" that could never help. (`vi.mock` cannot make such a module:
// it wraps a factory's error in its own; missingEngine.browser.test.ts has the empty module of a `require`.)
function unresolvedPeer(peer: string) {
  const url = new URL('./fixtures/unresolvedPeer.ts', import.meta.url);
  url.searchParams.set('peer', peer);
  return import(/* @vite-ignore */ url.href);
}

cleanUpEachTest();

it.each(['hls.js', 'video.js'] as const)(
  'fails as unsupported, naming %s, when Vite built the app without it, and loads nothing of the video',
  (engine) => expectEngineNotInstalled(engine, { loadEngine: () => unresolvedPeer(engine) }),
);
