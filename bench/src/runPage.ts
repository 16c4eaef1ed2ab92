import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import type { BenchRecord } from '../pages/shared/record';
import type { BenchEnv } from './benchEnv';
import type { PageVariant } from './buildPages';

export interface PageRunOptions {
  variant: PageVariant;
  /** File name in `pages/` without `.tsx`. */
  page: string;
  config: object;
  /**
   * A JavaScript expression evaluated in the page, over `r` (= `window.__bench`), that is true once
   * the run is over. A string, not a function: tsx would inject helpers a serialized function lacks.
   */
  until: string;
  timeoutMs?: number;
  /** Runs once the page is loading, e.g. to inject a fault mid-stream; the wait for `until` follows it. */
  during?: (page: Page) => Promise<void>;
  /**
   * Keeps the page open this long once `until` holds (or timed out), before it is read and closed: an
   * observation window for what comes late (a second `/session` of a remount), which a closed page never sends.
   */
  keepOpenMs?: number;
}

/** One network request as the page's Resource Timing saw it (cross-origin: start and end only). */
export interface ResourceTiming {
  /** The URL without its query (no `avh` in the results). */
  url: string;
  startTime: number;
  responseEnd: number;
}

/** One request as Chromium issued it (Playwright's network events): the full URL, query included. */
export interface RequestSeen {
  url: string;
  method: string;
  resourceType: string;
}

export interface PageRun extends BenchRecord {
  timedOut: boolean;
  resources: ResourceTiming[];
  /**
   * Every request the browser issued in this context, whatever answered it (or nobody: blocked, aborted,
   * another origin), so checks need not rely on what the emulator logged alone.
   */
  requests: RequestSeen[];
  /** `performance.timeOrigin` of the page (epoch ms), to place emulator log times on the page's clock. */
  timeOrigin: number;
}

/**
 * Opens a page in a fresh browser context (empty cache and `sessionStorage`, like a first visit),
 * waits for `until` (or the timeout), then `keepOpenMs`, and returns what the page recorded. A timeout is
 * reported, not thrown: the bench prints what it measured.
 */
export async function runPage(env: BenchEnv, options: PageRunOptions): Promise<PageRun> {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const requests: RequestSeen[] = [];
  context.on('request', (request) =>
    requests.push({ url: request.url(), method: request.method(), resourceType: request.resourceType() }),
  );
  try {
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    const hash = encodeURIComponent(JSON.stringify(options.config));
    await page.goto(`${env.pagesUrl}/${options.variant}/${options.page}.html#${hash}`);
    let timedOut = false;
    try {
      await options.during?.(page);
      await page.waitForFunction(
        `(() => { const r = window.__bench; return r !== undefined && (${options.until}); })()`,
        undefined,
        {
          timeout: options.timeoutMs ?? 20_000,
          polling: 100,
        },
      );
    } catch (error) {
      if (!(error instanceof Error && error.name === 'TimeoutError')) throw error;
      timedOut = true;
    }
    if (options.keepOpenMs) await sleep(options.keepOpenMs);
    // Undefined when the page's script never ran (a build or load failure, then in `pageErrors`).
    const record = ((await page.evaluate('window.__bench')) as BenchRecord | undefined) ?? {
      marks: {},
      values: {},
      errors: ['the page script never started'],
    };
    const resources = (await page.evaluate(
      `performance.getEntriesByType('resource').map((entry) => ({
        url: entry.name.split('?')[0], startTime: entry.startTime, responseEnd: entry.responseEnd,
      }))`,
    )) as ResourceTiming[];
    const timeOrigin = (await page.evaluate('performance.timeOrigin')) as number;
    return {
      ...record,
      errors: [...record.errors, ...pageErrors],
      timedOut,
      resources,
      requests,
      timeOrigin,
    };
  } finally {
    await context.close();
  }
}
