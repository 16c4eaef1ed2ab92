import { defineProject } from 'vitest/config';
import { unitProject } from '../scripts/vitest/projects';

// The bench's own logic (the order of runs, its checks, the report): unit tests, in `npm test`.
export default defineProject(
  unitProject({ name: 'bench', include: ['src/**/*.test.ts', 'pages/**/*.test.ts'] }),
);
