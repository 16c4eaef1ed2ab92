import { defineProject } from 'vitest/config';
import { firefoxProject } from '../../scripts/vitest/projects';

export default defineProject(
  firefoxProject({ name: 'react', globalSetup: ['./test/globalSetup.ts'], firefoxOrder: 2 }),
);
