/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_EMULATOR_URL?: string;
}
