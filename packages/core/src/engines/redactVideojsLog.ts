import { withoutAvh } from './authStatuses.js';

type LogFunction = (...args: unknown[]) => void;
/** video.js's `log.history`: the stored lines themselves (each one its arguments), in a new array. */
type LogHistory = { (): unknown[][]; filter(name: string): unknown[][] };
/** The levels of video.js's global logger that VHS writes failed (signed) request URLs to, and its history. */
export type VideojsLog = Partial<Record<'warn' | 'error' | 'debug', LogFunction>> & { history?: LogHistory };

const levels = ['warn', 'error', 'debug'] as const;
const wrappedLogs = new WeakMap<VideojsLog, Wrapped>();
/** The copies made here: a history line read again keeps them as they are. */
const redactedCopies = new WeakSet<object>();
/** Deep enough for VHS's request errors (`error.metadata.error.message`); also ends a cycle. */
const maxDepth = 4;
/**
 * What is kept of an object that is not plain data (a live request, an `Error`, an element): what names
 * it. The rest is live state (VHS's `xhr`: the response, its handlers, a player), too much to copy.
 */
const identifyingFields = ['name', 'message', 'code', 'status', 'uri', 'requestType'] as const;

interface Wrapped {
  users: number;
  scrubHistory: () => void;
  restore: () => void;
}

/**
 * VHS logs the signed URLs it failed on ("HLS request errored at URL: …?avh=…") through video.js's
 * global logger, to the console and `videojs.log.history()`; error trackers collect console lines as
 * breadcrumbs and send them away. While a video.js engine lives, that logger writes `avh` out of its
 * lines: their text, and the objects logged with them (copied). It has no player to scope this to, so
 * other players' lines lose their `avh` too, and nothing else.
 * Returns the release; the last one puts the logger back, unless someone wrapped it since.
 */
export function redactVideojsLog(log: VideojsLog): () => void {
  const wrapped = wrappedLogs.get(log) ?? wrap(log);
  wrapped.users += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    // What got past the wrap while this engine lived leaves the history with it, whoever reads it later.
    wrapped.scrubHistory();
    wrapped.users -= 1;
    if (wrapped.users > 0) return;
    wrapped.restore();
    wrappedLogs.delete(log);
  };
}

function wrap(log: VideojsLog): Wrapped {
  const restores = levels.flatMap((level) => {
    const original = log[level];
    if (typeof original !== 'function') return [];
    const redacting: LogFunction = (...args) => original.apply(log, args.map(redactArgument));
    log[level] = redacting;
    return [
      () => {
        if (log[level] === redacting) log[level] = original;
      },
    ];
  });
  const history = log.history;
  // VHS's loggers made when video.js loads hold the original `debug` (`videojs.log.debug.bind(…)`), and
  // one names a live stream's playlist by its signed URL ("PlaylistSelector > choosing {"id":"0-…?avh=…"}").
  // Their lines reach the one history all of video.js's loggers share, whose stored lines `history()`
  // hands out: reading it here, or releasing an engine, writes `avh` out of them in place.
  const scrubHistory = () => {
    for (const line of history?.() ?? []) {
      line.forEach((arg, index) => {
        line[index] = redactArgument(arg);
      });
    }
  };
  if (typeof history === 'function') {
    const reading: LogHistory = Object.assign(
      () => {
        scrubHistory();
        return history();
      },
      history, // its `clear`, `disable` and `enable`
      {
        filter: (name: string) => {
          scrubHistory();
          return history.filter(name);
        },
      },
    );
    log.history = reading;
    restores.push(() => {
      if (log.history === reading) log.history = history;
    });
  }
  const restore = () => {
    for (const restoreOne of restores) restoreOne();
  };
  const wrapped = { users: 0, scrubHistory, restore };
  wrappedLogs.set(log, wrapped);
  return wrapped;
}

/**
 * A logged argument without `avh`: a string written out of, an object replaced by a plain copy (VHS logs a
 * failed request as `{ message, status, code, xhr, metadata: { uri } }`, the signed URL in each). A logger
 * must never throw: an object that cannot be read is not logged.
 */
function redactArgument(arg: unknown): unknown {
  if (typeof arg === 'string') return withoutAvh(arg);
  if (typeof arg !== 'object' || arg === null || redactedCopies.has(arg)) return arg;
  try {
    const copy = copyWithoutAvh(arg, 0) as object;
    redactedCopies.add(copy);
    return copy;
  } catch {
    return '[object not logged]';
  }
}

/** Plain data copied (its strings without `avh`), anything else reduced to its identifying fields. */
function copyWithoutAvh(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return withoutAvh(value);
  if (typeof value === 'function') return undefined;
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= maxDepth) return undefined;
  if (Array.isArray(value)) return value.map((item) => copyWithoutAvh(item, depth + 1));
  const fields = isPlainObject(value) ? Object.keys(value) : identifyingFields;
  const copy: Record<string, unknown> = {};
  for (const field of fields) {
    const kept = copyWithoutAvh((value as Record<string, unknown>)[field], depth + 1);
    if (kept !== undefined) copy[field] = kept;
  }
  return copy;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
