import { withoutAvh } from './authStatuses.js';

type LogFunction = (...args: unknown[]) => void;
/** video.js's `log.history`: the stored lines themselves (each one its arguments), in a new array. */
type LogHistory = { (): unknown[][]; filter(name: string): unknown[][] };
/** The levels of video.js's global logger that VHS writes failed (signed) request URLs to, and its history. */
export type VideojsLog = Partial<Record<'warn' | 'error' | 'debug', LogFunction>> & { history?: LogHistory };

const levels = ['warn', 'error', 'debug'] as const;
const wrappedLogs = new WeakMap<VideojsLog, Wrapped>();

interface Wrapped {
  users: number;
  scrubHistory: () => void;
  restore: () => void;
}

/**
 * VHS logs the signed URLs it failed on ("HLS request errored at URL: …?avh=…") through video.js's
 * global logger, to the console and `videojs.log.history()`; error trackers collect console lines as
 * breadcrumbs and send them away. While a video.js engine lives, that logger writes `avh` out of its
 * text. It has no player to scope this to, so other players' lines lose their `avh` too, and nothing else.
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
    const redacting: LogFunction = (...args) =>
      original.apply(
        log,
        args.map((arg) => (typeof arg === 'string' ? withoutAvh(arg) : arg)),
      );
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
        if (typeof arg === 'string') line[index] = withoutAvh(arg);
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
