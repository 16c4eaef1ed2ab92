import { expect, it } from 'vitest';
import type { PrivateVideoError } from '../src/errors/PrivateVideoError.js';
import { createPrivatePlayback } from '../src/playback/PrivatePlayback.js';
import type { PlaybackEngineName } from '../src/playback/types.js';
import { cleanUpEachTest, control, createClient, createVideo, deliveryLog, keep } from './browserHelpers.js';

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

it.each<PlaybackEngineName>(['hls.js', 'video.js'])(
  'fails as unsupported, naming %s, when Vite built the app without it, and loads nothing of the video',
  async (engine) => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    const { video } = createVideo();
    const playback = keep(
      createPrivatePlayback(
        video,
        { videoId: 'viPrivateTs', privateToken },
        { client: createClient(), engine, loadEngine: () => unresolvedPeer(engine) },
      ),
    );
    const error = await new Promise<PrivateVideoError>((resolve) => playback.on('error', resolve));
    expect(error).toMatchObject({
      code: 'unsupported',
      message: expect.stringContaining(`${engine} is not installed`),
    });
    expect((await deliveryLog('viPrivateTs')).map((entry) => entry.kind)).toEqual(['session']);
  },
);
