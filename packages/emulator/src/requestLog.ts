import type { LogEntry } from './control/types.js';

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

  /** A copy, so callers cannot alter the record. */
  entries(): LogEntry[] {
    return this.#entries.map((entry) => ({ ...entry, query: { ...entry.query } }));
  }

  clear(): void {
    this.#entries = [];
  }
}
