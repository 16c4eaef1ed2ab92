import type { ApiAuth } from './apiAuth.js';
import type { Catalog } from './catalog.js';
import type { TokenPolicy } from './control/types.js';
import type { Faults } from './faults.js';
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
  /** Aborted by `close()`, so requests still waiting out their latency leave no timer behind. */
  closed: AbortSignal;
  manifestSigning: boolean;
  control: boolean;
  /** Origin the emulator is reachable at, for asset URLs in API responses; set once listening. */
  baseUrl: string;
  /** `onError`: where failures no response can carry are reported; never throws. */
  reportError: (error: unknown) => void;
  defaultPolicy: Partial<TokenPolicy>;
  videoPolicies: Record<string, Partial<TokenPolicy>>;
}
