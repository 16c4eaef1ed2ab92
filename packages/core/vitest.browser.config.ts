import { defineProject } from 'vitest/config';
import { browserProject } from '../../scripts/vitest/projects';

export default defineProject(
  browserProject({
    name: 'core',
    globalSetup: ['./test/globalSetup.ts'],
    optimizeDeps: ['hls.js', 'video.js'],
  }),
);
