export { createNativeEngine, nativeEngine } from './engines/nativeEngine.js';
