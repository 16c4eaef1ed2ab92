import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiAuth } from './apiAuth.js';
import { type Catalog, createCatalog } from './catalog.js';
import type {
  ExpireFilter,
  FaultSpec,
  InjectedFault,
  LogEntry,
  LogFilter,
  MintedToken,
  TokenPolicy,
} from './control/types.js';
import { createErrorReporter } from './createErrorReporter.js';
import { createRequestHandler } from './createRequestHandler.js';
import {
  DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  DEFAULT_API_KEY,
  DEFAULT_HOST,
  EMULATOR_OPTION_KEYS,
  type EmulatorOptions,
  parsePublicUrl,
} from './emulatorOptions.js';
import type { EmulatorState } from './emulatorState.js';
import { Faults, validateFault } from './faults.js';
import { HeldRequests } from './heldRequests.js';
import { parseCorsOrigins } from './http/cors.js';
import { parseAllowedHosts } from './http/parseAllowedHosts.js';
import { mintToken } from './mintToken.js';
import { RequestLog } from './requestLog.js';
import { resetState } from './resetState.js';
import { resolveTokenPolicy, validateSessionTtl, validateTokenPolicy } from './tokenPolicy.js';
import { TokenStore } from './tokenStore.js';
import { validateExpireFilter } from './validateExpireFilter.js';
import { isRecord, validateKeys } from './validateKeys.js';
import { validateLatency } from './validateLatency.js';
import { validateLogFilter } from './validateLogSince.js';

/** A running emulator; its methods mirror the `/__emulator` control API (and work without `control`). */
export interface Emulator {
  /**
   * Origin, e.g. `http://127.0.0.1:4010`, without trailing slash: `publicUrl` when given, the origin of
   * every URL the emulator gives out.
   */
  readonly url: string;
  readonly port: number;
  readonly catalog: Catalog;
  readonly server: Server;
  /** Whether the `/__emulator` HTTP control API is mounted. */
  readonly control: boolean;
  readonly manifestSigning: boolean;
  /**
   * What starting skipped without failing, one line each with its reason: entries of `mediaDir` that are no
   * video (the CLI prints them). Same as `catalog.warnings`.
   */
  readonly warnings: readonly string[];
  close(): Promise<void>;
  /**
   * The request log; with `{ since }`, only the entries logged after that sequence number. Throws a
   * `RangeError` for a filter the control API would refuse (400), with the same message.
   */
  log(filter?: LogFilter): LogEntry[];
  clearLog(): void;
  /** Throws a `RangeError` for a fault the control API would refuse (400), with the same message. */
  addFault(fault: FaultSpec): { id: string };
  /** The active faults with their counters. */
  faults(): InjectedFault[];
  removeFault(id: string): boolean;
  clearFaults(): void;
  /** Throws a `RangeError` for a latency the control API would refuse (400), with the same message. */
  setLatency(ms: number): void;
  /** Throws a `RangeError` for a policy the control API would refuse (400), with the same message. */
  mintToken(videoId: string, policy?: Partial<TokenPolicy>): MintedToken;
  /** Throws a `RangeError` for a filter the control API would refuse (400), with the same message. */
  expireSessions(filter?: ExpireFilter): { expired: number };
  reset(): void;
}

/** Starts the emulator on `options.port` (0 = any free port) and resolves once it is listening. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  // A misspelt option would otherwise be ignored: `contrl: true` would start with the control API off.
  check(validateKeys(options, EMULATOR_OPTION_KEYS, 'startEmulator', 'option'));
  const now = options.now ?? Date.now;
  const publicUrl = options.publicUrl === undefined ? undefined : parsePublicUrl(options.publicUrl);
  if (publicUrl && 'error' in publicUrl) check(publicUrl.error);
  const cors = parseCorsOrigins(options.corsOrigins);
  if ('error' in cors) throw new RangeError(cors.error);
  check(validateHost(options.host));
  const host = options.host ?? DEFAULT_HOST;
  // The names it is reached by on purpose: `--host myname.lan`, or `--public-url http://emulator:4010`.
  const ownNames = [
    host,
    ...(publicUrl && 'origin' in publicUrl ? [new URL(publicUrl.origin).hostname] : []),
  ];
  const hosts = parseAllowedHosts(options.allowedHosts, ownNames);
  if ('error' in hosts) throw new RangeError(hosts.error);
  check(validateLatency(options.latencyMs ?? 0));
  // Checked like a policy's: a NaN TTL compares false with every time, so its sessions would never expire.
  check(validateSessionTtl(options.sessionTtl));
  check(validateAccessTokenTtl(options.accessTokenTtl));
  check(validateApiKey(options.apiKey));
  check(validateMediaDir(options.mediaDir));
  check(validateTokenPolicy(options.tokenPolicy, 'tokenPolicy'));
  if (options.videoPolicies !== undefined && !isRecord(options.videoPolicies)) {
    check('videoPolicies must be an object: { [videoId]: policy }');
  }
  for (const [videoId, policy] of Object.entries(options.videoPolicies ?? {})) {
    check(validateTokenPolicy(policy, `videoPolicies.${videoId}`));
  }
  const catalog = createCatalog(options.mediaDir === undefined ? {} : { mediaDir: options.mediaDir });
  // A policy for an id the catalog lacks (a typo, a folder `mediaDir` skipped) would apply to nothing.
  const ids = [
    ...catalog.videos.map((video) => video.videoId),
    ...catalog.liveStreams.map((live) => live.liveStreamId),
  ];
  check(validateKeys(options.videoPolicies ?? {}, ids, 'videoPolicies', 'id'));
  const state: EmulatorState = {
    catalog,
    tokens: new TokenStore(now),
    log: new RequestLog(),
    faults: new Faults(),
    auth: new ApiAuth(
      options.apiKey ?? DEFAULT_API_KEY,
      options.accessTokenTtl ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
      now,
    ),
    now,
    startedAt: now(),
    latencyMs: options.latencyMs ?? 0,
    held: new HeldRequests(),
    reportError: createErrorReporter(options.onError),
    manifestSigning: options.manifestSigning ?? false,
    control: options.control ?? false,
    corsTrust: cors.trust,
    hostTrust: hosts.trust,
    baseUrl: '',
    // Layered as every policy is: a `tokenPolicy` key set to `undefined` is "not set here", and keeps
    // the `sessionTtl` option.
    defaultPolicy: resolveTokenPolicy({ sessionTtl: options.sessionTtl }, options.tokenPolicy),
    videoPolicies: options.videoPolicies ?? {},
  };
  const server = createServer(createRequestHandler(state));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Once listening, an `'error'` (e.g. EMFILE from accept) with no listener would crash the process:
  // it is reported instead, and the server goes on accepting connections.
  const onServerError = (error: Error) => state.reportError(error);
  server.on('error', onServerError);
  const { port } = server.address() as AddressInfo;
  // IPv6 literals need brackets in a URL; 0.0.0.0/:: are not reachable addresses, so point at loopback.
  const shownHost =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  state.baseUrl = publicUrl && 'origin' in publicUrl ? publicUrl.origin : `http://${shownHost}:${port}`;

  // One closing for every call: Node rejects a second `server.close()`, and a test may close its emulator
  // before an `afterEach` does it again.
  let closing: Promise<void> | undefined;
  return {
    url: state.baseUrl,
    port,
    catalog: state.catalog,
    server,
    control: state.control,
    manifestSigning: state.manifestSigning,
    warnings: state.catalog.warnings,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        state.held.close();
        server.close((error) => {
          // Closed: nothing more can be reported, and a closed emulator holds on to nothing.
          server.off('error', onServerError);
          if (error) reject(error);
          else resolve();
        });
        // Keep-alive connections (players, fetch) would otherwise hold `close()` open.
        server.closeAllConnections();
      })),
    log: (filter = {}) => {
      check(validateLogFilter(filter));
      return state.log.entries(filter);
    },
    clearLog: () => state.log.clear(),
    addFault: (fault) => {
      check(validateFault(fault));
      return state.faults.add(fault);
    },
    faults: () => state.faults.list(),
    removeFault: (id) => state.faults.remove(id),
    clearFaults: () => state.faults.clear(),
    setLatency: (ms) => {
      check(validateLatency(ms));
      state.latencyMs = ms;
    },
    mintToken: (videoId, policy) => {
      check(validateTokenPolicy(policy));
      return mintToken(state, videoId, policy);
    },
    expireSessions: (filter = {}) => {
      check(validateExpireFilter(filter));
      return { expired: state.tokens.expireSessions(filter) };
    },
    reset: () => resetState(state),
  };
}

/** Checks `accessTokenTtl`: seconds, finite (it is sent as `expires_in`); an error message or null. */
function validateAccessTokenTtl(ttl: unknown): string | null {
  if (ttl === undefined) return null;
  return typeof ttl === 'number' && Number.isFinite(ttl) && ttl >= 0
    ? null
    : 'accessTokenTtl must be a finite number of seconds ≥ 0';
}

/**
 * Checks `apiKey`; an error message or null. An empty key would be matched by empty credentials: a bare
 * `Authorization: Basic`, `Basic Og==` (":"), `POST /auth/api-key {"apiKey":""}`.
 */
function validateApiKey(apiKey: unknown): string | null {
  if (apiKey === undefined) return null;
  return typeof apiKey === 'string' && apiKey !== '' ? null : 'apiKey must be a non-empty string';
}

/**
 * Checks `host`; an error message or null. Node reads an empty host as "every interface", and the URLs
 * given out would read `http://:4010`.
 */
function validateHost(host: unknown): string | null {
  if (host === undefined) return null;
  return typeof host === 'string' && host !== ''
    ? null
    : 'host must be a non-empty string: the interface to bind, such as 127.0.0.1 or 0.0.0.0';
}

/** Checks `mediaDir`; an error message or null. An empty path would start without the folder, unsaid. */
function validateMediaDir(mediaDir: unknown): string | null {
  if (mediaDir === undefined) return null;
  return typeof mediaDir === 'string' && mediaDir !== ''
    ? null
    : 'mediaDir must be a non-empty string: the path of a folder of videos';
}

/** Throws what the control API would answer with a 400, as a `RangeError` with the same message. */
function check(invalid: string | null): void {
  if (invalid) throw new RangeError(invalid);
}
