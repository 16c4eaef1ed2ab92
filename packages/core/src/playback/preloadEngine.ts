import { loadEngine } from './loadEngine.js';
import type { PlaybackEngineName } from './types.js';

/**
 * Downloads a player's engine before the player asks for it: when the viewer shows they are about to play (a
 * click-to-play thumbnail hovered or focused), so that the click does not wait for some 190 kB of hls.js. It is
 * the chunk the player loads (downloaded once, whichever asks first), and nothing else: no session, no media.
 * Never rejects: a download that failed is the player's to report, when it asks again.
 */
export function preloadEngine(name: PlaybackEngineName = 'hls.js'): Promise<void> {
  return loadEngine(name).then(
    () => undefined,
    () => undefined,
  );
}
