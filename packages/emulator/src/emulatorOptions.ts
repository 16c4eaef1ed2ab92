import type { TokenPolicy } from './control/types.js';

/** Options of `startEmulator`; a key it does not know is refused (a `RangeError`), never ignored. */
export interface EmulatorOptions {
  /** Port to listen on; 0 (the default) picks a free one. The CLI defaults to 4010. */
  port?: number | undefined;
  /** Interface to bind; default `127.0.0.1`. */
  host?: string | undefined;
  /**
   * Origin put in every URL the emulator gives out (`url`, minted tokens, API assets, the banner), e.g.
   * `http://emulator:4010` when other containers reach it under that name. An http(s) origin without
   * path, query or fragment. Default: `http://{host}:{port}` (127.0.0.1 for a wildcard `host`).
   * Its host name is allowed by default (`allowedHosts`).
   */
  publicUrl?: string | undefined;
  /**
   * Page origins, besides loopback ones (`localhost`, `*.localhost`, `127.0.0.0/8`, `[::1]`), whose requests
   * the API and control routes answer readably: exact http(s) origins such as `http://app.test:3000`, or
   * `['*']` for every origin. A page on any other origin cannot read API answers, and its control requests
   * are refused (403). Delivery is readable from every origin regardless. Default: loopback pages only.
   */
  corsOrigins?: string[] | undefined;
  /**
   * Host names, besides IP addresses, `localhost`, `*.localhost` and the names of `host` and `publicUrl`, that
   * the API and control routes answer requests for (their `Host` header), against DNS rebinding: `app.test`
   * exactly, `.app.test` for it and its subdomains; `true` for every host. Any other is refused (403).
   * Delivery answers every host regardless. Default: none besides those.
   */
  allowedHosts?: string[] | true | undefined;
  /** Enables the `/__emulator/…` test-control API. Default false. */
  control?: boolean | undefined;
  /** Writes `avh` into every child URI of served playlists, for native HLS players. Default false. */
  manifestSigning?: boolean | undefined;
  /** Delay added before every delivery and API response (RTT emulation). Default 0. */
  latencyMs?: number | undefined;
  /**
   * Default session lifetime (seconds), like api.video's; default 86400. Not `@private-video/core`'s
   * `sessionTtl`, which is in milliseconds.
   */
  sessionTtl?: number | undefined;
  /** Default policy of every minted token (layered under per-video and per-mint policies). */
  tokenPolicy?: Partial<TokenPolicy> | undefined;
  /** Per-video policy overrides, by video or live-stream id; an id the catalog does not have is refused. */
  videoPolicies?: Record<string, Partial<TokenPolicy>> | undefined;
  /** A folder of your own videos: each subfolder is a video (see README). */
  mediaDir?: string | undefined;
  /** Workspace API key accepted by the API, not empty. Default `emulator-api-key`. */
  apiKey?: string | undefined;
  /** Lifetime of API access tokens (seconds), sent as `expires_in`. Default 3600. */
  accessTokenTtl?: number | undefined;
  /** Clock in epoch ms, injectable so tests can move time instead of sleeping. Default `Date.now`. */
  now?: (() => number) | undefined;
  /**
   * Called with what the emulator could not answer a request with: a server error after it started
   * listening (e.g. `EMFILE` when accepting a connection) or an unexpected failure while handling a
   * request (answered with a bare 500). The emulator keeps serving. Default: `console.error`.
   */
  onError?: ((error: unknown) => void) | undefined;
}

/** The API key the emulator accepts by default (`apiKey`, `--api-key`). */
export const DEFAULT_API_KEY = 'emulator-api-key';
export const DEFAULT_HOST = '127.0.0.1';
/** Lifetime of API access tokens, in seconds. */
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 3600;

/** Every option; a `Record` so the compiler flags an option added to `EmulatorOptions` but not here. */
export const EMULATOR_OPTION_KEYS = Object.keys({
  port: true,
  host: true,
  publicUrl: true,
  corsOrigins: true,
  allowedHosts: true,
  control: true,
  manifestSigning: true,
  latencyMs: true,
  sessionTtl: true,
  tokenPolicy: true,
  videoPolicies: true,
  mediaDir: true,
  apiKey: true,
  accessTokenTtl: true,
  now: true,
  onError: true,
} satisfies Record<keyof EmulatorOptions, true>);

/**
 * `publicUrl` as the origin URLs are built on (`https://Emulator.test/` → `https://emulator.test`), or a
 * message saying what it accepts: a path would be dropped from every URL, so it is refused, not ignored.
 */
export function parsePublicUrl(value: unknown): { origin: string } | { error: string } {
  const error = `publicUrl must be an http(s) origin such as http://emulator:4010, without path, query or fragment; got ${JSON.stringify(value)}`;
  if (typeof value !== 'string' || /[?#]/.test(value)) return { error };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { error };
  }
  const origin = (url.protocol === 'http:' || url.protocol === 'https:') && url.pathname === '/';
  return origin && url.username === '' && url.password === '' ? { origin: url.origin } : { error };
}
