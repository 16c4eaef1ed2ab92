import { withoutAvh } from './authStatuses.js';

type LogFunction = (...args: unknown[]) => void;
/** The levels of video.js's global logger that VHS writes failed (signed) request URLs to. */
export type VideojsLog = Partial<Record<'warn' | 'error' | 'debug', LogFunction>>;

const levels = ['warn', 'error', 'debug'] as const;
const wrappedLogs = new WeakMap<VideojsLog, { users: number; restore: () => void }>();

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
    wrapped.users -= 1;
    if (wrapped.users > 0) return;
    wrapped.restore();
    wrappedLogs.delete(log);
  };
}

function wrap(log: VideojsLog): { users: number; restore: () => void } {
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
  const restore = () => {
    for (const restoreLevel of restores) restoreLevel();
  };
  const wrapped = { users: 0, restore };
  wrappedLogs.set(log, wrapped);
  return wrapped;
}
