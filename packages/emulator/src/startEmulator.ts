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
  DEFAULT_ACCESS_TOKEN_TTL,
  DEFAULT_API_KEY,
  DEFAULT_HOST,
  type EmulatorOptions,
} from './emulatorOptions.js';
import type { EmulatorState } from './emulatorState.js';
import { Faults, validateFault } from './faults.js';
import { HeldRequests } from './heldRequests.js';
import { mintToken } from './mintToken.js';
import { RequestLog } from './requestLog.js';
import { resetState } from './resetState.js';
import { validateTokenPolicy } from './tokenPolicy.js';
import { TokenStore } from './tokenStore.js';
import { validateExpireFilter } from './validateExpireFilter.js';
import { validateLatency } from './validateLatency.js';
import { validateLogFilter } from './validateLogSince.js';

/** A running emulator; its methods mirror the `/__emulator` control API (and work without `control`). */
export interface Emulator {
  /** Origin, e.g. `http://127.0.0.1:4010`, without trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly catalog: Catalog;
  readonly server: Server;
  /** Whether the `/__emulator` HTTP control API is mounted. */
  readonly control: boolean;
  readonly manifestSigning: boolean;
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
  const now = options.now ?? Date.now;
  check(validateLatency(options.latencyMs ?? 0));
  check(validateTokenPolicy(options.tokenPolicy, 'tokenPolicy'));
  for (const [videoId, policy] of Object.entries(options.videoPolicies ?? {})) {
    check(validateTokenPolicy(policy, `videoPolicies.${videoId}`));
  }
  const state: EmulatorState = {
    catalog: createCatalog(options.mediaDir ? { mediaDir: options.mediaDir } : {}),
    tokens: new TokenStore(now),
    log: new RequestLog(),
    faults: new Faults(),
    auth: new ApiAuth(
      options.apiKey ?? DEFAULT_API_KEY,
      options.accessTokenTtl ?? DEFAULT_ACCESS_TOKEN_TTL,
      now,
    ),
    now,
    startedAt: now(),
    latencyMs: options.latencyMs ?? 0,
    held: new HeldRequests(),
    reportError: createErrorReporter(options.onError),
    manifestSigning: options.manifestSigning ?? false,
    control: options.control ?? false,
    baseUrl: '',
    defaultPolicy: {
      ...(options.sessionTtl !== undefined ? { sessionTtl: options.sessionTtl } : {}),
      ...options.tokenPolicy,
    },
    videoPolicies: options.videoPolicies ?? {},
  };
  const server = createServer(createRequestHandler(state));
  const host = options.host ?? DEFAULT_HOST;
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
  state.baseUrl = `http://${shownHost}:${port}`;

  return {
    url: state.baseUrl,
    port,
    catalog: state.catalog,
    server,
    control: state.control,
    manifestSigning: state.manifestSigning,
    close: () =>
      new Promise<void>((resolve, reject) => {
        state.held.close();
        server.close((error) => {
          // Closed: nothing more can be reported, and a closed emulator holds on to nothing.
          server.off('error', onServerError);
          if (error) reject(error);
          else resolve();
        });
        // Keep-alive connections (players, fetch) would otherwise hold `close()` open.
        server.closeAllConnections();
      }),
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

/** Throws what the control API would answer with a 400, as a `RangeError` with the same message. */
function check(invalid: string | null): void {
  if (invalid) throw new RangeError(invalid);
}
