import { defineProject } from 'vitest/config';
import { pageProject } from '../../scripts/vitest/projects';

export default defineProject(
  pageProject({ name: 'core', browser: 'firefox', globalSetup: ['./test/globalSetup.ts'] }),
);
