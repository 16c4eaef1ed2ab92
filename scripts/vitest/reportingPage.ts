// What a test page run by `runReportingPage` (in Firefox, in WebKit) uses: no Node, no Vitest.

/** Where pages post their reports: `runReportingPage`'s dev server receives them. */
export const reportPath = '/__page-report';

/** The query parameter naming the run a page belongs to: a report of another run is not taken. */
export const runParameter = 'pageRun';

/** The query parameter listing the engines whose HLS does not play in the page's browser (`hlsNotPlaying`). */
export const hlsNotPlayingParameter = 'hlsNotPlaying';

/** Whether `engine`'s HLS plays in the browser running the page: the scenarios that need it are left out if not. */
export function playsHls(engine: string): boolean {
  const notPlaying = new URLSearchParams(location.search).get(hlsNotPlayingParameter) ?? '';
  return !notPlaying.split(',').includes(engine);
}

/** Sends the page's report (any JSON) to the Node test waiting for it in `runReportingPage`. */
export async function postReport(report: unknown): Promise<void> {
  await fetch(runPath(), { method: 'POST', body: JSON.stringify(report) });
}

/**
 * Tells the Node test which step the page starts (a scenario's name): a page that then stops for good (a hung
 * browser) is given up on after the run's `stallTimeout`, and its failure names that step.
 */
export async function postProgress(step: string): Promise<void> {
  await fetch(`${runPath()}/progress`, { method: 'POST', body: step });
}

function runPath(): string {
  return `${reportPath}/${new URLSearchParams(location.search).get(runParameter)}`;
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
