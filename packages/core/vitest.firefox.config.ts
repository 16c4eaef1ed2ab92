import { defineProject } from 'vitest/config';
import { firefoxProject } from '../../scripts/vitest/projects';

export default defineProject(firefoxProject({ name: 'core', globalSetup: ['./test/globalSetup.ts'] }));
