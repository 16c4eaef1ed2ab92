export { createVideojsEngine, videojsEngine } from './engines/videojsEngine.js';
