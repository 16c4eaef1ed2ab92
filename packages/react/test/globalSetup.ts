export { default } from '@private-video/emulator/vitest-global-setup';
