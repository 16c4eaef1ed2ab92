// What a Firefox test page (run by `runInFirefox`) uses: no Node, no Vitest.

/** Where a Firefox test page posts its report: `runInFirefox`'s dev server receives it. */
export const firefoxReportPath = '/__firefox-report';

/** Sends a Firefox test page's report (any JSON) to the Node test waiting for it in `runInFirefox`. */
export async function postFirefoxReport(report: unknown): Promise<void> {
  await fetch(firefoxReportPath, { method: 'POST', body: JSON.stringify(report) });
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
