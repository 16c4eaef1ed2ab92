import { playwright } from '@vitest/browser-playwright';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import type { TestProjectInlineConfiguration } from 'vitest/config';
import { chromiumArgs, chromiumPath } from '../chromium';
import { requestFaults } from './requestFaults';

/** Workspace packages resolve to their TypeScript sources, so no build is needed before testing. */
export const sourceCondition = '@private-video/source';

const resolve = {
  conditions: [sourceCondition, ...defaultClientConditions],
};
const ssr = { resolve: { conditions: [sourceCondition, ...defaultServerConditions] } };

type ProjectOptions = {
  /** Package folder name, e.g. `core`. */
  name: string;
  environment?: 'node' | 'happy-dom' | 'jsdom';
  include?: string[];
  setupFiles?: string[];
  globalSetup?: string[];
  /** Browser-only dependencies to pre-bundle, so Vite does not reload the page mid-run. */
  optimizeDeps?: string[];
  /** Firefox projects run one after another, after every other project, in this order (from 1). */
  firefoxOrder?: number;
};

/** Fast tests in Node (or a DOM emulation): everything `*.test.ts(x)` that is not a browser test. */
export function unitProject(options: ProjectOptions): TestProjectInlineConfiguration {
  return {
    resolve,
    ssr,
    test: {
      name: `${options.name}:unit`,
      environment: options.environment ?? 'node',
      include: options.include ?? ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
      exclude: ['**/*.browser.test.{ts,tsx}', '**/*.firefox.test.{ts,tsx}', '**/node_modules/**'],
      setupFiles: options.setupFiles ?? [],
      globalSetup: options.globalSetup ?? [],
      restoreMocks: true,
    },
  };
}

/** Tests that run inside real Chromium (Debian's build, driven by Playwright) with real media. */
export function browserProject(options: ProjectOptions): TestProjectInlineConfiguration {
  return {
    resolve,
    ssr,
    optimizeDeps: { include: options.optimizeDeps ?? [] },
    test: {
      name: `${options.name}:browser`,
      include: options.include ?? ['src/**/*.browser.test.{ts,tsx}', 'test/**/*.browser.test.{ts,tsx}'],
      setupFiles: options.setupFiles ?? [],
      globalSetup: options.globalSetup ?? [],
      testTimeout: 30_000,
      hookTimeout: 30_000,
      fileParallelism: false,
      browser: {
        enabled: true,
        headless: true,
        screenshotFailures: false,
        provider: playwright({
          launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
        }),
        instances: [{ browser: 'chromium' }],
        commands: requestFaults,
      },
    },
  };
}

/**
 * Tests that play in Firefox (Debian's ESR). Playwright drives only its own Firefox builds, so these run in
 * Node: each serves a page that plays in a headless Firefox and posts back what happened (see
 * `packages/core/test/firefox`).
 */
export function firefoxProject(options: ProjectOptions): TestProjectInlineConfiguration {
  return {
    resolve,
    ssr,
    test: {
      name: `${options.name}:firefox`,
      include: options.include ?? ['test/**/*.firefox.test.ts'],
      globalSetup: options.globalSetup ?? [],
      environment: 'node',
      // After every other project, alone, one file at a time: two browsers playing at once on 2 cores
      // would slow both.
      sequence: { groupOrder: options.firefoxOrder ?? 1 },
      fileParallelism: false,
    },
  };
}
