export { createHlsEngine, hlsEngine } from './engines/hlsEngine.js';
