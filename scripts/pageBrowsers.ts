import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The browsers that run test pages which report back (see `scripts/vitest/runReportingPage.ts`). WPE WebKit
 * (Debian's `cog`, 2.38) was tried: its GStreamer media stack left plain hls.js and video.js pages (without
 * this library) paused or unloaded, so it says nothing about Safari.
 */
export type PageBrowser = 'firefox';

/** How the tests name each. */
export const pageBrowserLabels: Record<PageBrowser, string> = {
  firefox: 'Firefox (Debian ESR)',
};

/** What each one's user agent says, so a test knows the page ran where it should. */
export const userAgents: Record<PageBrowser, RegExp> = {
  firefox: /Firefox\/\d+/,
};

export interface PageBrowserLaunch {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/**
 * How each opens a URL headless, with `profile` (an empty temporary folder) as everything it keeps. Firefox:
 * Debian's ESR (`scripts/ensure-system.sh` installs it; `FIREFOX_PATH` points elsewhere), with a `user.js`.
 */
export const pageBrowsers: Record<PageBrowser, (url: string, profile: string) => Promise<PageBrowserLaunch>> =
  {
    async firefox(url, profile) {
      const prefs = Object.entries(firefoxTestPrefs)
        .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});\n`)
        .join('');
      await writeFile(join(profile, 'user.js'), prefs);
      return {
        command: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
        args: ['--headless', '--no-remote', '--profile', profile, url],
      };
    },
  };

/**
 * A Firefox profile's `user.js` for tests: media autoplays without a gesture, and nothing of a first run
 * (welcome pages, default-browser checks, telemetry, updates, connectivity probes) dials out on a machine
 * that has only loopback.
 */
const firefoxTestPrefs = {
  'media.autoplay.default': 0,
  'media.autoplay.blocking_policy': 0,
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.aboutwelcome.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'app.update.disabledForTesting': true,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
};
