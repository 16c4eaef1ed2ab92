import { defineProject } from 'vitest/config';
import { pageProject } from '../../scripts/vitest/projects';

export default defineProject(
  pageProject({ name: 'core', browser: 'webkit', globalSetup: ['./test/globalSetup.ts'] }),
);
