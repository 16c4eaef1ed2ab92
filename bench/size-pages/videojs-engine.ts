// The video.js adapter, as its lazy chunk holds it (video.js itself not counted).
export { videojsEngine } from '@private-video/core/videojs';
