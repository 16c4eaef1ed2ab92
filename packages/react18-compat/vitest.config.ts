import { defineProject } from 'vitest/config';
import { unitProject } from '../../scripts/vitest/projects';

// The react package's own unit tests, with every `react`, `react-dom` and Testing Library import resolved
// here, where React 18 is installed: the same tests prove both majors of the peer range.
const project = unitProject({
  name: 'react18',
  environment: 'happy-dom',
});

export default defineProject({
  ...project,
  resolve: {
    ...project.resolve,
    dedupe: ['react', 'react-dom', '@testing-library/react', '@testing-library/dom'],
  },
});
