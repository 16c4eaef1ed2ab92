import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'packages/*/vitest.browser.config.ts',
      'packages/*/vitest.firefox.config.ts',
      'packages/*/vitest.webkit.config.ts',
      'apps/*/vitest.config.ts',
      'bench/vitest.config.ts',
    ],
  },
});
