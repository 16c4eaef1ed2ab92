export {
  type Catalog,
  type CatalogLiveStream,
  type CatalogVideo,
  createCatalog,
  gridVideoIds,
} from './catalog.js';
export { createEmulatorControl, type EmulatorControl } from './control/createEmulatorControl.js';
export { EmulatorControlError } from './control/EmulatorControlError.js';
export type {
  ExpireFilter,
  FaultSpec,
  InjectedFault,
  LogEntry,
  LogFilter,
  MintedToken,
  RequestKind,
  TokenPolicy,
} from './control/types.js';
export type { EmulatorOptions } from './emulatorOptions.js';
export { DEFAULT_API_KEY } from './emulatorOptions.js';
export { signPlaylist, signUri } from './playlistSigner.js';
export { type Emulator, startEmulator } from './startEmulator.js';
export {
  DEFAULT_SESSION_TTL,
  DEFAULT_SESSION_TTL_SECONDS,
  resolveTokenPolicy,
} from './tokenPolicy.js';
