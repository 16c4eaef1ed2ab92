import { EmulatorControlError } from './EmulatorControlError.js';
import type {
  ExpireFilter,
  FaultSpec,
  InjectedFault,
  LogEntry,
  LogFilter,
  MintedToken,
  TokenPolicy,
} from './types.js';

export { EmulatorControlError } from './EmulatorControlError.js';
export type {
  ExpireFilter,
  FaultSpec,
  InjectedFault,
  LogEntry,
  LogFilter,
  MintedToken,
  RequestKind,
  TokenPolicy,
} from './types.js';

/**
 * The emulator's `/__emulator` control API over `fetch`; runs in browsers and Node alike. Every method
 * rejects with an `EmulatorControlError` (which carries the HTTP `status`) when the emulator refuses the call.
 */
export interface EmulatorControl {
  /** The request log; with `{ since }`, only the entries logged after that sequence number. */
  log(filter?: LogFilter): Promise<LogEntry[]>;
  clearLog(): Promise<void>;
  addFault(fault: FaultSpec): Promise<{ id: string }>;
  /** The active faults with their counters. */
  faults(): Promise<InjectedFault[]>;
  /** Rejects with status 404 when no fault has this id (any more). */
  removeFault(id: string): Promise<void>;
  clearFaults(): Promise<void>;
  setLatency(ms: number): Promise<void>;
  mintToken(videoId: string, policy?: Partial<TokenPolicy>): Promise<MintedToken>;
  expireSessions(filter?: ExpireFilter): Promise<{ expired: number }>;
  reset(): Promise<void>;
}

/** A client for an emulator started with `control: true` at `baseUrl` (e.g. `inject('emulatorUrl')`). */
export function createEmulatorControl(baseUrl: string): EmulatorControl {
  const origin = baseUrl.replace(/\/+$/, '');

  async function call<T>(method: string, endpoint: string, body?: unknown): Promise<T> {
    const path = `/__emulator/${endpoint}`;
    const response = await fetch(`${origin}${path}`, {
      method,
      cache: 'no-store',
      ...(body === undefined
        ? {}
        : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new EmulatorControlError(method, path, response.status, text);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    // The filter goes as it is, misspelt keys included: the emulator, not the client, says what a valid
    // one is (400 otherwise), rather than a dropped key reading the whole log.
    log: (filter = {}) => call('GET', `log${logQuery(filter)}`),
    clearLog: () => call('DELETE', 'log'),
    addFault: (fault) => call('POST', 'faults', fault),
    faults: () => call('GET', 'faults'),
    removeFault: (id) => call('DELETE', `faults/${encodeURIComponent(id)}`),
    clearFaults: () => call('DELETE', 'faults'),
    setLatency: (ms) => call<unknown>('PUT', 'latency', { ms }).then(() => undefined),
    mintToken: (videoId, policy) => call('POST', 'tokens', policy ? { videoId, policy } : { videoId }),
    expireSessions: (filter = {}) => call('POST', 'sessions/expire', filter),
    reset: () => call('POST', 'reset'),
  };
}

/** `?since=3` for `{ since: 3 }`; every key set, known or not, so the emulator can refuse the unknown. */
function logQuery(filter: LogFilter): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter))
    if (value !== undefined) query.append(key, String(value));
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}
