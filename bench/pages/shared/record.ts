/**
 * What a bench page reports back to the runner. The runner polls `window.__bench` with
 * `page.waitForFunction` and reads it with `page.evaluate`, so everything here is plain JSON.
 * Times are `performance.now()` values: milliseconds since this page's navigation started.
 */
export interface BenchRecord {
  /** First time each named moment happened (later repeats are ignored), or the last for `markLatest`'s. */
  marks: Record<string, number>;
  /** Values captured at a moment, e.g. `currentTime` at the fallback event. */
  values: Record<string, number | string | boolean>;
  /** Errors the page saw (player `onError`, thumbnail `onError`, uncaught exceptions). */
  errors: string[];
}

declare global {
  interface Window {
    __bench: BenchRecord;
  }
}

export const record: BenchRecord = { marks: {}, values: {}, errors: [] };
window.__bench = record;
window.addEventListener('error', (event) => record.errors.push(`uncaught: ${event.message}`));
window.addEventListener('unhandledrejection', (event) =>
  record.errors.push(`unhandled: ${String(event.reason)}`),
);

/** Records the first time `name` happens. */
export function mark(name: string): void {
  record.marks[name] ??= performance.now();
}

/** Records the latest time `name` happens, replacing an earlier one: for moments where only the last counts. */
export function markLatest(name: string): void {
  record.marks[name] = performance.now();
}

/** Forgets `name`'s mark: the moment it recorded no longer holds (a stall the video recovered from). */
export function unmark(name: string): void {
  delete record.marks[name];
}

export function setValue(name: string, value: number | string | boolean): void {
  record.values[name] = value;
}

/** Counts occurrences, e.g. how many thumbnails have loaded. */
export function increment(name: string): number {
  const next = Number(record.values[name] ?? 0) + 1;
  record.values[name] = next;
  return next;
}
