import { type ReportingPageRun, runReportingPage } from './runReportingPage';

/**
 * A page's report for a `*.page.test.ts` file, run by the first test that asks for it (in a `beforeEach`) and
 * shared by the rest. A run that fails (a browser that hung or crashed) is run again for each of the test's
 * retries (`pageProject`'s `retry`: 2), so the flaky reporter lists it with what failed first; a third failure
 * stays, and fails every test at once. Two, not one: WebKitGTK's web process deadlocks now and then (its main
 * thread on a lock, nothing running), about once in a full CI run, and once in a while it would do so twice.
 */
export function pageReport<Report>(run: ReportingPageRun): () => Promise<Report> {
  let report: Promise<Report> | undefined;
  let runsLeft = 3;
  return () => {
    if (report !== undefined) return report;
    runsLeft -= 1;
    const running = runReportingPage<Report>(run);
    report = running;
    if (runsLeft > 0)
      running.catch(() => {
        report = undefined;
      });
    return running;
  };
}
