import type { ApiAuth } from './apiAuth.js';
import type { Catalog } from './catalog.js';
import type { TokenPolicy } from './control/types.js';
import type { Faults } from './faults.js';
import type { HeldRequests } from './heldRequests.js';
import type { OriginTrust } from './http/cors.js';
import type { HostTrust } from './http/isAllowedHost.js';
import type { RequestLog } from './requestLog.js';
import type { TokenStore } from './tokenStore.js';

/** Everything the request handlers share; one per running emulator. */
export interface EmulatorState {
  catalog: Catalog;
  tokens: TokenStore;
  log: RequestLog;
  faults: Faults;
  auth: ApiAuth;
  now: () => number;
  /** When live streams "started": their sliding window counts from here. */
  startedAt: number;
  latencyMs: number;
  /** Requests held back (latency, a fault's delay or hang): `reset()` and `close()` drop them. */
  held: HeldRequests;
  manifestSigning: boolean;
  control: boolean;
  /** Page origins whose requests the API and control routes answer readably (`corsOrigins`, loopback). */
  corsTrust: OriginTrust;
  /** Host names the API and control routes answer requests for (`allowedHosts`, `host`, `publicUrl`). */
  hostTrust: HostTrust;
  /**
   * Origin of every URL the emulator gives out (`publicUrl`, or the one it listens on); set once
   * listening. Only for building URLs: which `Host` a request may carry is `hostTrust`'s.
   */
  baseUrl: string;
  /** `onError`: where failures no response can carry are reported; never throws. */
  reportError: (error: unknown) => void;
  defaultPolicy: Partial<TokenPolicy>;
  videoPolicies: Record<string, Partial<TokenPolicy>>;
}
