/** Debian's Firefox ESR: `scripts/ensure-system.sh` installs it; `FIREFOX_PATH` points elsewhere. */
export const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * A profile's `user.js` for tests: media autoplays without a gesture, and nothing of a first run (welcome
 * pages, default-browser checks, telemetry, updates, connectivity probes) dials out on a machine that has
 * only loopback.
 */
export const firefoxTestPrefs = {
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
