import type { EngineLoader } from './PlaybackEngine.js';

/**
 * Engines are separate chunks, imported only when a player asks for one: a page with only thumbnails
 * downloads no player engine, and a hls.js page never downloads video.js.
 */
export const loadEngine: EngineLoader = async (name) => {
  if (name === 'hls.js') return (await import('../engines/hlsEngine.js')).hlsEngine;
  if (name === 'video.js') return (await import('../engines/videojsEngine.js')).videojsEngine;
  return (await import('../engines/nativeEngine.js')).nativeEngine;
};
