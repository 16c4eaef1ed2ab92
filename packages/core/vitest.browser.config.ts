import { configDefaults, defineProject } from 'vitest/config';
import { browserProject } from '../../scripts/vitest/projects';

const project = browserProject({
  name: 'core',
  globalSetup: ['./test/globalSetup.ts'],
  optimizeDeps: ['hls.js', 'video.js'],
});

export default defineProject({
  ...project,
  // core:floor's own (vitest.floor.config.ts): here, with the latest hls.js and video.js, it would fail.
  test: { ...project.test, exclude: [...configDefaults.exclude, 'test/peerFloor.browser.test.ts'] },
});
