import type { TestProject } from 'vitest/node';
import { startEmulator } from '../startEmulator.js';

// Repeated from `vitestContext.ts` so importing the setup alone is enough for a typed `inject('emulatorUrl')`.
declare module 'vitest' {
  export interface ProvidedContext {
    emulatorUrl: string;
  }
}

/**
 * Vitest global setup: one emulator (control API on, free port) for the whole run, its origin provided
 * to tests as `inject('emulatorUrl')`. Use it with `globalSetup: ['@private-video/emulator/vitest-global-setup']`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const emulator = await startEmulator({ port: 0, control: true });
  project.provide('emulatorUrl', emulator.url);
  return () => emulator.close();
}
