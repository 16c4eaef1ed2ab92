import { version } from 'react';
import { expect, it } from 'vitest';

// The react package's test setup, then its unit tests (server rendering aside: see ssr.react18.test.ts),
// registered here so that their imports of React resolve to React 18.
import.meta.glob('../../react/src/test-utils/setup.ts', { eager: true });
import.meta.glob(['../../react/src/**/*.test.tsx', '!../../react/src/ssr.test.tsx'], { eager: true });

it('runs on React 18', () => {
  expect(version).toMatch(/^18\./);
});
