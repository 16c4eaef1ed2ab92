import { fileURLToPath } from 'node:url';

/**
 * The committed media folder. This file sits directly in `src/` (and its build in `dist/`), so `../media`
 * resolves to `packages/emulator/media` both when running from source and from the build.
 */
export const builtInMediaRoot = fileURLToPath(new URL('../media', import.meta.url));
