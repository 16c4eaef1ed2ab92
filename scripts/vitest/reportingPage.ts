// What a test page run by `runReportingPage` (in Firefox, in WebKit) uses: no Node, no Vitest.

/** Where the page posts its report: `runReportingPage`'s dev server receives it. */
export const reportPath = '/__page-report';

/** Sends the page's report (any JSON) to the Node test waiting for it in `runReportingPage`. */
export async function postReport(report: unknown): Promise<void> {
  await fetch(reportPath, { method: 'POST', body: JSON.stringify(report) });
}

/**
 * Resolves with `undefined` once `work` is done, else with why not: what it threw, or that the deadline
 * passed first (a scenario's limit, not a wait). The timer goes either way.
 */
export async function withinDeadline(work: Promise<unknown>, ms: number): Promise<string | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`not reached within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([work, deadline]);
    return undefined;
  } catch (thrown) {
    return String(thrown);
  } finally {
    clearTimeout(timer);
  }
}
