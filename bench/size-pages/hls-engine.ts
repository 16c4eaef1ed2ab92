// The hls.js adapter, as its lazy chunk holds it (hls.js itself not counted).
export { hlsEngine } from '@private-video/core/hls';
