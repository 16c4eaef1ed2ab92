import type { ExpireFilter, FaultSpec, LogEntry, MintedToken, TokenPolicy } from './types.js';

export type { ExpireFilter, FaultSpec, LogEntry, MintedToken, RequestKind, TokenPolicy } from './types.js';

/** The emulator's `/__emulator` control API over `fetch`; runs in browsers and Node alike. */
export interface EmulatorControl {
  log(): Promise<LogEntry[]>;
  clearLog(): Promise<void>;
  addFault(fault: FaultSpec): Promise<{ id: string }>;
  removeFault(id: string): Promise<void>;
  clearFaults(): Promise<void>;
  setLatency(ms: number): Promise<void>;
  mintToken(videoId: string, policy?: Partial<TokenPolicy>): Promise<MintedToken>;
  expireSessions(filter?: ExpireFilter): Promise<{ expired: number }>;
  reset(): Promise<void>;
}

/** A client for an emulator started with `control: true` at `baseUrl` (e.g. `inject('emulatorUrl')`). */
export function createEmulatorControl(baseUrl: string): EmulatorControl {
  const root = `${baseUrl.replace(/\/+$/, '')}/__emulator`;

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${root}/${path}`, {
      method,
      cache: 'no-store',
      ...(body === undefined
        ? {}
        : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`Emulator control ${method} /${path} failed: ${response.status} ${text}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    log: () => call('GET', 'log'),
    clearLog: () => call('DELETE', 'log'),
    addFault: (fault) => call('POST', 'faults', fault),
    removeFault: (id) => call('DELETE', `faults/${encodeURIComponent(id)}`),
    clearFaults: () => call('DELETE', 'faults'),
    setLatency: (ms) => call<unknown>('PUT', 'latency', { ms }).then(() => undefined),
    mintToken: (videoId, policy) => call('POST', 'tokens', policy ? { videoId, policy } : { videoId }),
    expireSessions: (filter = {}) => call('POST', 'sessions/expire', filter),
    reset: () => call('POST', 'reset'),
  };
}
