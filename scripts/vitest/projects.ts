import { playwright } from '@vitest/browser-playwright';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import type { TestProjectInlineConfiguration } from 'vitest/config';
import type { BrowserCommand } from 'vitest/node';
import { chromiumArgs, chromiumPath } from '../chromium';
import type { PageBrowser } from '../pageBrowsers';
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
  /** Browser commands of the project's own, beside the shared ones (`requestFaults`). */
  // biome-ignore lint/suspicious/noExplicitAny: commands take their own arguments
  commands?: Record<string, BrowserCommand<any>>;
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
      exclude: ['**/*.browser.test.{ts,tsx}', '**/*.page.test.{ts,tsx}', '**/node_modules/**'],
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
      // Real media on a shared 2-core machine: one retry, so a rare stall does not fail a whole run; the flaky
      // reporter lists every test that needed it, with its first failure, to be fixed rather than hidden.
      retry: 1,
      fileParallelism: false,
      browser: {
        enabled: true,
        headless: true,
        screenshotFailures: false,
        provider: playwright({
          launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
        }),
        instances: [{ browser: 'chromium' }],
        commands: { ...requestFaults, ...options.commands },
      },
    },
  };
}

/**
 * Tests that play in a browser no Playwright driver works with (Debian's Firefox ESR and WebKitGTK): they
 * run in Node, each serving a page that plays in that browser and posts back what happened
 * (`runReportingPage`). The same `*.page.test.ts` files run once per browser, which they `inject`.
 */
export function pageProject(
  options: ProjectOptions & { browser: PageBrowser },
): TestProjectInlineConfiguration {
  return {
    resolve,
    ssr,
    test: {
      name: `${options.name}:${options.browser}`,
      include: options.include ?? ['test/**/*.page.test.ts'],
      globalSetup: options.globalSetup ?? [],
      environment: 'node',
      provide: { pageBrowser: options.browser },
      // A browser that hangs or crashes mid-page (WebKitGTK's deadlock, about once a CI run) gets its page run
      // again, up to twice: see `pageReport`. The flaky reporter lists it, with what failed first.
      retry: 2,
      // One file at a time, in the lane Vitest gives every project that runs its files one by one (after the
      // unit tests): beside the Chromium projects' lanes, behind demo:smoke, never two of them at once.
      fileParallelism: false,
    },
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Which browser a page project's tests run their pages in. */
    pageBrowser: PageBrowser;
  }
}
