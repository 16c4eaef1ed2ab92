/** Where a Firefox test page posts its report: `runInFirefox`'s dev server receives it. */
export const firefoxReportPath = '/__firefox-report';

/** Sends a Firefox test page's report (any JSON) to the Node test waiting for it in `runInFirefox`. */
export async function postFirefoxReport(report: unknown): Promise<void> {
  await fetch(firefoxReportPath, { method: 'POST', body: JSON.stringify(report) });
}
