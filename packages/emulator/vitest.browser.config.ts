import { defineProject } from 'vitest/config';
import { browserProject } from '../../scripts/vitest/projects';

export default defineProject(
  browserProject({
    name: 'emulator',
    globalSetup: ['./src/testing/vitestGlobalSetup.ts'],
    optimizeDeps: ['hls.js'],
  }),
);
