import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The browsers that run test pages which report back (see `scripts/vitest/runReportingPage.ts`): Firefox,
 * and WebKit, Safari's engine, as WebKitGTK (Debian's, with GStreamer for media in place of Safari's own).
 */
export type PageBrowser = 'firefox' | 'webkit';

/** How the tests name each. */
export const pageBrowserLabels: Record<PageBrowser, string> = {
  firefox: 'Firefox (Debian ESR)',
  webkit: 'WebKit (WebKitGTK)',
};

/** What each one's user agent says, so a test knows the page ran where it should. */
export const userAgents: Record<PageBrowser, RegExp> = {
  firefox: /Firefox\/\d+/,
  webkit: /AppleWebKit\/[\d.]+ \(KHTML, like Gecko\) Version\/[\d.]+ Safari/,
};

/**
 * The engines whose HLS does not play in a browser even on a page without this library, so the scenarios that
 * need it to play are left out there (what does not, such as falling back to the mp4, still runs). WebKitGTK:
 * video.js (VHS) stalls at the start on a plain page, TS at `HAVE_METADATA` and fMP4 at 0 s, while hls.js
 * plays both.
 */
export const hlsNotPlaying: Record<PageBrowser, readonly string[]> = {
  firefox: [],
  webkit: ['video.js'],
};

export interface PageBrowserLaunch {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/** Where Debian's `libwebkit2gtk-4.1-0` puts MiniBrowser (`scripts/ensure-system.sh` installs it). */
export const miniBrowserPath =
  process.env.MINIBROWSER_PATH ??
  `/usr/lib/${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu/webkit2gtk-4.1/MiniBrowser`;

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
    /** WebKitGTK's MiniBrowser on a virtual display (it has no headless mode), keeping nothing (`--private`). */
    async webkit(url, profile) {
      return {
        command: 'xvfb-run',
        args: ['--auto-servernum', miniBrowserPath, '--private', '--autoplay-policy=allow', url],
        env: { XDG_DATA_HOME: profile, XDG_CACHE_HOME: profile, XDG_CONFIG_HOME: profile },
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
