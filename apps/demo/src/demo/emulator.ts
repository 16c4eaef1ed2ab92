import { createEmulatorControl } from '@private-video/emulator/control';

/**
 * Where the emulator runs. `scripts/demo.sh` and the smoke test set `VITE_EMULATOR_URL`; Vite bakes it in
 * at dev-server start or build time. The default matches the emulator CLI's default port.
 */
export const emulatorUrl: string = (import.meta.env.VITE_EMULATOR_URL || 'http://127.0.0.1:4010').replace(
  /\/+$/,
  '',
);

/** The emulator's `/__emulator` control API (CORS-enabled): mints tokens, reads the log, injects faults. */
export const control = createEmulatorControl(emulatorUrl);

/** Every story plays from the emulator, which stands in for both api.video delivery origins. */
export const emulatorDomains = { vod: emulatorUrl, live: emulatorUrl };
