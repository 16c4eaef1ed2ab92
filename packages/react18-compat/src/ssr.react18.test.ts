// @vitest-environment node
import { version } from 'react';
import { expect, it } from 'vitest';

// Server rendering needs a server: no DOM, as in the react package's own ssr test.
import.meta.glob('../../react/src/ssr.test.tsx', { eager: true });

it('renders on the server with React 18', () => {
  expect(version).toMatch(/^18\./);
});
