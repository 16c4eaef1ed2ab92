import type { LogEntry, LogFilter } from './control/types.js';

/** Keeps a long-running CLI from growing without bound; tests clear far more often than this. */
const MAX_ENTRIES = 10_000;

/** Every delivery and API request, in arrival order of their responses. */
export class RequestLog {
  #entries: LogEntry[] = [];
  #seq = 0;

  append(entry: Omit<LogEntry, 'seq'>): LogEntry {
    this.#seq += 1;
    const logged = { seq: this.#seq, ...entry };
    this.#entries.push(logged);
    if (this.#entries.length > MAX_ENTRIES) this.#entries.splice(0, this.#entries.length - MAX_ENTRIES);
    return logged;
  }

  /** A copy, so callers cannot alter the record; with `since`, only the entries after that `seq`. */
  entries(filter: LogFilter = {}): LogEntry[] {
    const from = filter.since === undefined ? 0 : this.#firstAfter(filter.since);
    return this.#entries.slice(from).map((entry) => ({ ...entry, query: { ...entry.query } }));
  }

  clear(): void {
    this.#entries = [];
  }

  /** Index of the first entry with `seq > since`: `seq` only grows, so a poller's read costs what is new. */
  #firstAfter(since: number): number {
    let low = 0;
    let high = this.#entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.#entries[middle]?.seq ?? 0) <= since) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
