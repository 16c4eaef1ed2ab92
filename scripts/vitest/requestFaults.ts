import type {} from '@vitest/browser-playwright'; // its `page` on the command context
import type { Route } from 'playwright';
import type { BrowserCommand } from 'vitest/node';

type Handler = (route: Route) => Promise<void>;

/** The routes the commands added, by page: only ours are removed, never Vitest's own. */
const added = new Map<object, Set<{ matches: (url: URL) => boolean; handler: Handler }>>();
/** The URLs the commands failed, by page, since its faults were last cleared. */
const failed = new Map<object, string[]>();

/** Fails `pathEnd`'s requests as when the connection drops: the next one, or (`times` undefined) until cleared. */
async function fail(page: Parameters<BrowserCommand<[]>>[0]['page'], pathEnd: string, times?: number) {
  const route = {
    matches: (url: URL) => url.pathname.endsWith(pathEnd),
    handler: (request: Route) => {
      failed.set(page, [...(failed.get(page) ?? []), request.request().url()]);
      return request.abort('internetdisconnected');
    },
  };
  added.set(page, (added.get(page) ?? new Set()).add(route));
  await page.route(route.matches, route.handler, times === undefined ? {} : { times });
}

/**
 * Browser commands that fail requests at the network level, where no server can: a file of the app
 * itself (an engine chunk the dev server serves) that does not download because the viewer went offline.
 */
export const requestFaults = {
  /** The next request whose path ends with `pathEnd` fails as when the connection drops; later ones pass. */
  failNextRequest: (async ({ page }, pathEnd: string) => fail(page, pathEnd, 1)) satisfies BrowserCommand<
    [pathEnd: string]
  >,

  /** Every request whose path ends with `pathEnd` fails as when the connection drops, until cleared. */
  failRequests: (async ({ page }, pathEnd: string) => fail(page, pathEnd)) satisfies BrowserCommand<
    [pathEnd: string]
  >,

  /** The URLs failed so far (since the last `clearRequestFaults`), in order. */
  failedRequests: (async ({ page }) => failed.get(page) ?? []) satisfies BrowserCommand<[]>,

  /** Removes the faults a test added and did not meet (`times: 1` removes the ones met). */
  clearRequestFaults: (async ({ page }) => {
    for (const { matches, handler } of added.get(page) ?? []) await page.unroute(matches, handler);
    added.delete(page);
    failed.delete(page);
  }) satisfies BrowserCommand<[]>,
};

declare module 'vitest/browser' {
  interface BrowserCommands {
    failNextRequest: (pathEnd: string) => Promise<void>;
    failRequests: (pathEnd: string) => Promise<void>;
    failedRequests: () => Promise<string[]>;
    clearRequestFaults: () => Promise<void>;
  }
}
