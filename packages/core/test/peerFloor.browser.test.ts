import Hls from 'hls.js';
import videojs from 'video.js';
import { expect, inject, it } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The lowest version of each peer range, which `core:floor` plays with (`vitest.floor.config.ts`). */
    peerFloor: { 'hls.js': string; 'video.js': string };
  }
}

// Only in core:floor: its other cases would pass as well with the latest versions, were the aliases to
// `hls.js-floor` and `video.js-floor` not applied (or those devDependencies not the floor of the ranges).
it('plays with the lowest hls.js and video.js of the peer ranges', () => {
  const { VERSION } = videojs as unknown as { VERSION: string }; // not in video.js's types
  expect({ 'hls.js': Hls.version, 'video.js': VERSION }).toEqual(inject('peerFloor'));
});
