/**
 * Type-only: teaches vitest's `inject()` about the URL the emulator global setup provides.
 * Reference it with `import type {} from '@private-video/emulator/vitest-context'` (or a triple-slash
 * `types` reference) in a test file or a `.d.ts` of your project.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    emulatorUrl: string;
  }
}

export {};
