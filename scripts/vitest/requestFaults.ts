import type {} from '@vitest/browser-playwright'; // its `page` on the command context
import type { Route } from 'playwright';
import type { BrowserCommand } from 'vitest/node';

type Handler = (route: Route) => Promise<void>;

/** The routes the commands added, by page: only ours are removed, never Vitest's own. */
const added = new Map<object, Set<{ matches: (url: URL) => boolean; handler: Handler }>>();

/**
 * Browser commands that fail requests at the network level, where no server can: a file of the app
 * itself (an engine chunk the dev server serves) that does not download because the viewer went offline.
 */
export const requestFaults = {
  /** The next request whose path ends with `pathEnd` fails as when the connection drops; later ones pass. */
  failNextRequest: (async ({ page }, pathEnd: string) => {
    const route = {
      matches: (url: URL) => url.pathname.endsWith(pathEnd),
      handler: (request: Route) => request.abort('internetdisconnected'),
    };
    added.set(page, (added.get(page) ?? new Set()).add(route));
    await page.route(route.matches, route.handler, { times: 1 });
  }) satisfies BrowserCommand<[pathEnd: string]>,

  /** Removes the faults a test added and did not meet (`times: 1` removes the ones met). */
  clearRequestFaults: (async ({ page }) => {
    for (const { matches, handler } of added.get(page) ?? []) await page.unroute(matches, handler);
    added.delete(page);
  }) satisfies BrowserCommand<[]>,
};

declare module 'vitest/browser' {
  interface BrowserCommands {
    failNextRequest: (pathEnd: string) => Promise<void>;
    clearRequestFaults: () => Promise<void>;
  }
}
