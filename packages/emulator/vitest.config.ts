import { defineProject } from 'vitest/config';
import { unitProject } from '../../scripts/vitest/projects';

export default defineProject(unitProject({ name: 'emulator' }));
