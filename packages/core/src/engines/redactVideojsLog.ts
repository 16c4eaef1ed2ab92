import { withoutAvh } from './authStatuses.js';

type LogFunction = (...args: unknown[]) => void;
/** video.js's `log.history`: the stored lines themselves (each one its arguments), in a new array. */
type LogHistory = { (): unknown[][]; filter(name: string): unknown[][] };
/** The levels of video.js's global logger that VHS writes failed (signed) request URLs to, and its history. */
export type VideojsLog = Partial<Record<'warn' | 'error' | 'debug', LogFunction>> & { history?: LogHistory };
/** A video.js player, as far as its error goes: `error()` is the `MediaError` its error line logs. */
export type ErrorSource = { error(): unknown };

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
/** How video.js's player logs its error: `(CODE:2 MEDIA_ERR_NETWORK)`, its message, the `MediaError`. */
const mediaErrorLine = /^\(CODE:\d+ /;

interface Wrapped {
  users: number;
  /** The players of the engines using it: their failures are the controller's to tell. */
  players: Set<ErrorSource>;
  scrubHistory: () => void;
  restore: () => void;
}

/**
 * VHS logs the signed URLs it failed on ("HLS request errored at URL: …?avh=…") through video.js's
 * global logger, to the console and `videojs.log.history()`; error trackers collect console lines as
 * breadcrumbs and send them away. While a video.js engine lives, that logger writes `avh` out of its
 * lines: their text, and the objects logged with them (copied). It has no player to scope this to, so
 * other players' lines lose their `avh` too, and nothing else.
 * `player`'s own error lines ("VIDEOJS: ERROR: (CODE:2 MEDIA_ERR_NETWORK) …") are written as warnings: the
 * engine hands its failures to the controller, which falls back, renews, or tells the app through `error`.
 * As errors, they sent developers (and error trackers) after failures the mp4 fallback got past.
 * Returns the release; the last one puts the logger back, unless someone wrapped it since.
 */
export function redactVideojsLog(log: VideojsLog, player?: ErrorSource): () => void {
  const wrapped = wrappedLogs.get(log) ?? wrap(log);
  wrapped.users += 1;
  if (player) wrapped.players.add(player);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (player) wrapped.players.delete(player);
    // What got past the wrap while this engine lived leaves the history with it, whoever reads it later.
    wrapped.scrubHistory();
    wrapped.users -= 1;
    if (wrapped.users > 0) return;
    wrapped.restore();
    wrappedLogs.delete(log);
  };
}

function wrap(log: VideojsLog): Wrapped {
  const players = new Set<ErrorSource>();
  const { warn } = log;
  const restores = levels.flatMap((level) => {
    const original = log[level];
    if (typeof original !== 'function') return [];
    const redacting: LogFunction = (...args) => {
      const handled = level === 'error' && typeof warn === 'function' && isPlayerError(args, players);
      (handled ? warn : original).apply(log, args.map(redactArgument));
    };
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
  const wrapped = { users: 0, players, scrubHistory, restore };
  wrappedLogs.set(log, wrapped);
  return wrapped;
}

/**
 * Whether a line is the error line of one of `players`: the `MediaError` it logs is that player's error
 * now (video.js logs it as it sets it). Other players' errors, and video.js's other errors, stay errors.
 */
function isPlayerError(args: unknown[], players: Set<ErrorSource>): boolean {
  const [text, , error] = args;
  if (typeof text !== 'string' || !mediaErrorLine.test(text) || error == null) return false;
  for (const player of players) {
    try {
      if (player.error() === error) return true;
    } catch {
      // A player that cannot say (disposed by its app) is not this line's: a logger must never throw.
    }
  }
  return false;
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
