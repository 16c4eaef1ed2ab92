import { peerMissing } from '../engines/peerMissing.js';
import { toPrivateVideoError } from '../errors/PrivateVideoError.js';
import { loadEngine } from './loadEngine.js';
import type { EngineLoader, EngineModule } from './PlaybackEngine.js';
import type { PlaybackEngineName } from './types.js';

/**
 * Loads an engine with the app's loader, or ours. An engine chunk that fails to download most likely means
 * the viewer is offline: a `network` error, whose message tells them to check the connection (`media` would
 * say the video cannot be played).
 */
export async function downloadEngine(
  name: PlaybackEngineName,
  loader: EngineLoader = loadEngine,
): Promise<EngineModule> {
  try {
    // Awaited here: an app's loader that throws at once fails as one that rejects does.
    return await loader(name);
  } catch (error) {
    // What Vite (7) builds, without a word, in place of a missing optional peer's `import`: a module that throws
    // this as the engine's chunk runs. Nothing failed to download, and "Try again" would fail alike.
    if (
      name !== 'native' &&
      `${(error as Error | undefined)?.message}`.includes(`Could not resolve "${name}"`)
    ) {
      throw peerMissing(name);
    }
    throw toPrivateVideoError(error, 'network', `Could not download the ${name} engine`);
  }
}
