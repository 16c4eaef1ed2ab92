/**
 * Shapes shared by the server, its programmatic handle and the browser control client.
 * Type-only and free of Node imports, so the browser client can use them.
 */

/** What a request was for; `manifest` is a VOD master or a live top playlist, `playlist` any other m3u8. */
export type RequestKind =
  | 'session'
  | 'manifest'
  | 'playlist'
  | 'segment'
  | 'init'
  | 'key'
  | 'subtitle'
  | 'thumbnail'
  | 'mp4'
  | 'api'
  | 'other';

/** One delivery or API request as the emulator saw it (control requests are never logged). */
export interface LogEntry {
  /** 1-based, increasing; survives `clearLog()` so entries stay unique within a run. */
  seq: number;
  /** Epoch milliseconds from the emulator's clock, when the answer was decided (if hung: when it ended). */
  time: number;
  method: string;
  /** Raw path, without the query string. */
  path: string;
  /** The query parameters; a repeated one with its first value, the one the rules read (`avh`). */
  query: Record<string, string>;
  /** The status answered; 0 when there was no answer (a `hang` fault held the request until it ended). */
  status: number;
  kind: RequestKind;
  /** The rule that allowed or refused the request, e.g. `signed`, `token-used`, `fault`. */
  rule: string;
  /** Whether the request carried an `avh` query parameter. */
  avh: boolean;
  videoId?: string;
  privateToken?: string;
  /**
   * Present when the entry was cut to bound the log's memory: `path`, `privateToken`, and the query's
   * keys and values together, are kept up to 1024 characters each (see the README).
   */
  truncated?: true;
}

/** Token policy knobs (api.video `session_limit`, `usage_expiration_time`, TPStreams `time_to_live`, …). */
export interface TokenPolicy {
  /**
   * When true (default) the token is spent by its first unsigned asset request or once it has opened
   * `sessionLimit` sessions; later uses get 404 `token-used`. When false the token stays reusable until it expires.
   */
  expiresAfterFirstUsage: boolean;
  /** How long (seconds) the token stays valid before its first use; `null` = no limit. */
  timeToLive: number | null;
  /** How many sessions the token may open, a whole number ≥ 1; `null` = unlimited. Default 1. */
  sessionLimit: number | null;
  /**
   * Lifetime of each session (seconds), like api.video's `usage_expiration_time`. Default 86400. Not
   * `@private-video/core`'s `sessionTtl`, which is in milliseconds.
   */
  sessionTtl: number;
  /** Absolute end of validity for the token and its sessions: ISO string or epoch ms; `null` = none. */
  expirationDate: string | number | null;
}

/**
 * A fault acts on matching requests before any rule: it answers with `status` and an empty body, waits
 * `delayMs` first, never answers (`hang`), or cuts the rules' answer short (`cutAfterBytes`). It needs at
 * least one of them; `hang` goes alone, and `cutAfterBytes` takes no `status`.
 * A key it does not know, here or in `match`, is refused (400, or a `RangeError`), never ignored.
 */
export interface FaultSpec {
  match: {
    /** Substring of the request path. */
    path?: string;
    kind?: RequestKind;
    videoId?: string;
  };
  /** Answer with this status (200–599) instead of the rules. Without it, a `delayMs` fault only slows down. */
  status?: number;
  /**
   * With `status`, a `Retry-After` header: whole seconds (0 or more), or the header's text as it is (an HTTP
   * date, or a value a client cannot read, such as `'soon'`), as a 429 or 503 of the API may carry.
   */
  retryAfter?: number | string;
  /** Wait this long first (ms, on top of the latency), then answer with `status`, or as the rules say. */
  delayMs?: number;
  /**
   * Never answer: the connection stays open until the client gives up, or `reset()`/`close()` drop it.
   * Logged then, with status 0 and rule `fault-hang`. Takes no `status` and no `delayMs`.
   */
  hang?: boolean;
  /**
   * Answer as the rules say, but drop the connection after this many bytes of the body, as a network failing
   * mid-transfer does (the headers promise the whole body). Logged with the rules' status and rule
   * `fault-cut`, when the body was longer. It matches only such answers: a HEAD, or a body no longer than
   * that, is as if it did not match (not counted, its `count` unspent) and goes to the next matching fault
   * or the rules. Takes no `status` and no `hang`.
   */
  cutAfterBytes?: number;
  /** How many matching requests to act on, a whole number ≥ 1; default (or `null`): all of them. */
  count?: number | null;
  /** Let the first N matching requests through before acting, a whole number ≥ 0; default 0. */
  after?: number;
}

/** A fault as `GET /__emulator/faults` lists it: its spec, its id and how far it has got. */
export interface InjectedFault extends FaultSpec {
  id: string;
  /** Matching requests seen so far (including those let through by `after`), until its `count` is spent. */
  matched: number;
  /** Requests the fault acted on: answered with its status, delayed, hung or cut. */
  served: number;
}

/** Which log entries to read; all of them when empty. */
export interface LogFilter {
  /**
   * Only entries with a sequence number above this one: pass the last `seq` you have read to get what is
   * new since. A whole number; 0 reads everything.
   */
  since?: number;
}

/** A freshly minted private token and the URLs it unlocks. */
export interface MintedToken {
  videoId: string;
  privateToken: string;
  live: boolean;
  urls: {
    session: string;
    thumbnail: string;
    mp4?: string;
    hls: string;
  };
}

/** Which sessions to expire; all of them when empty. */
export interface ExpireFilter {
  videoId?: string;
  privateToken?: string;
  sessionToken?: string;
}
