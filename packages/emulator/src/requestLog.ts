import type { LogEntry, LogFilter } from './control/types.js';

/** Keeps a long-running CLI from growing without bound; tests clear far more often than this. */
export const MAX_LOG_ENTRIES = 10_000;
/**
 * What one entry keeps of its path, of its `privateToken`, and of its query (keys and values together):
 * a request line may be ~16 KB, and 10 000 of them would hold hundreds of MB.
 */
export const MAX_LOGGED_CHARS = 1024;

/** Every delivery and API request, in arrival order of their responses. */
export class RequestLog {
  #entries: LogEntry[] = [];
  #seq = 0;

  append(entry: Omit<LogEntry, 'seq'>): LogEntry {
    this.#seq += 1;
    const logged = bounded({ seq: this.#seq, ...entry });
    this.#entries.push(logged);
    if (this.#entries.length > MAX_LOG_ENTRIES) {
      this.#entries.splice(0, this.#entries.length - MAX_LOG_ENTRIES);
    }
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

/**
 * `entry` cut to `MAX_LOGGED_CHARS` of path, of token, and of query: its parameters in order while their
 * keys and values fit, the first that does not fit with its value cut to what is left (dropped if its key
 * does not fit), the others dropped. A cut entry gets `truncated: true`; others are kept as they are.
 */
function bounded(entry: LogEntry): LogEntry {
  let truncated = false;
  const cut = (text: string) => {
    if (text.length <= MAX_LOGGED_CHARS) return text;
    truncated = true;
    return text.slice(0, MAX_LOGGED_CHARS);
  };
  const query: [string, string][] = [];
  let left = MAX_LOGGED_CHARS;
  for (const [key, value] of Object.entries(entry.query)) {
    if (key.length + value.length <= left) {
      query.push([key, value]);
      left -= key.length + value.length;
      continue;
    }
    truncated = true;
    if (key.length < left) query.push([key, value.slice(0, left - key.length)]);
    break;
  }
  const path = cut(entry.path);
  const privateToken = entry.privateToken === undefined ? undefined : cut(entry.privateToken);
  if (!truncated) return entry;
  return {
    ...entry,
    path,
    query: Object.fromEntries(query),
    ...(privateToken === undefined ? {} : { privateToken }),
    truncated: true,
  };
}
