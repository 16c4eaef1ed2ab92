import { peerMissing } from './peerMissing.js';

/**
 * Fails an engine's module when its player library is missing. A bundler may put an empty module in place of
 * a missing optional peer and build without a word (Vite, for a `require`): the engine then failed on first
 * use with a `TypeError`, read as a failed download ("check your connection"), or video.js's said it could not
 * play HLS and the mp4 played instead, unnoticed.
 * @param main what the library exports by default (hls.js's class, video.js's function).
 */
export function requirePeer(name: 'hls.js' | 'video.js', main: unknown): void {
  if (typeof main !== 'function') throw peerMissing(name);
}
