import { type ReportingPageRun, runReportingPage } from './runReportingPage';

/**
 * A page's report for a `*.page.test.ts` file, run by the first test that asks for it (in a `beforeEach`) and
 * shared by the rest. A run that fails (a browser that hung or crashed) is run once more for the test's retry,
 * so the flaky reporter lists it with what failed first; a second failure stays, and fails every test at once.
 */
export function pageReport<Report>(run: ReportingPageRun): () => Promise<Report> {
  let report: Promise<Report> | undefined;
  let runsLeft = 2;
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
