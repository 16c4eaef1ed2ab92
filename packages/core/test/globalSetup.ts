import { startEmulator } from '@private-video/emulator';
import setupEmulator from '@private-video/emulator/vitest-global-setup';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** An emulator that writes `avh` into every child URI of its playlists, for native HLS. */
    signingEmulatorUrl: string;
  }
}

/** The shared emulator, plus one with `manifestSigning` for the native-HLS tests. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const closeShared = await setupEmulator(project);
  const signing = await startEmulator({ port: 0, control: true, manifestSigning: true });
  project.provide('signingEmulatorUrl', signing.url);
  return async () => {
    await signing.close();
    await closeShared();
  };
}
