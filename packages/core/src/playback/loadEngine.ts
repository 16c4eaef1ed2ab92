import type { EngineLoader } from './PlaybackEngine.js';

/**
 * Engines are separate chunks, imported only when a player asks for one: a page with only thumbnails
 * downloads no player engine, and a hls.js page never downloads video.js. The comments name the chunks for
 * webpack (its `[name]`: `private-video-hls.<hash>.js` rather than `387.<hash>.js` in its size warnings and an
 * app's cache rules; video.js itself lands in a numbered vendors chunk, see the react README); other bundlers
 * name them after the modules.
 */
export const loadEngine: EngineLoader = async (name) => {
  if (name === 'hls.js')
    return (await import(/* webpackChunkName: "private-video-hls" */ '../engines/hlsEngine.js')).hlsEngine;
  if (name === 'video.js')
    return (await import(/* webpackChunkName: "private-video-videojs" */ '../engines/videojsEngine.js'))
      .videojsEngine;
  return (await import(/* webpackChunkName: "private-video-native" */ '../engines/nativeEngine.js'))
    .nativeEngine;
};
