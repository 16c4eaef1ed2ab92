import { defineProject } from 'vitest/config';
import { unitProject } from '../../scripts/vitest/projects';

export default defineProject(
  unitProject({ name: 'react', environment: 'happy-dom', setupFiles: ['./src/test-utils/setup.ts'] }),
);
