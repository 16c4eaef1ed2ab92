import { defaultServerConditions } from 'vite';
import { defineProject } from 'vitest/config';
import { sourceCondition } from '../../scripts/vitest/projects';

const resolve = { conditions: [sourceCondition, ...defaultServerConditions] };

/**
 * `demo:smoke`: runs in Node, starts the emulator, builds and serves the demo, and drives real Chromium
 * through playwright-core (the page is a whole Storybook, not a component under test).
 */
export default defineProject({
  resolve,
  ssr: { resolve },
  test: {
    name: 'demo:smoke',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // One browser, one emulator, stories one after the other: the log checks count requests.
    fileParallelism: false,
  },
});
