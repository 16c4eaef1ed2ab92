import { createMemoryStorage } from './createMemoryStorage.js';
import type { Session, StorageLike } from './Session.js';

const prefix = 'private-video:session:';

/** What survives a page refresh: the session and the private token whose path it opened. */
export interface StoredSession {
  session: Session;
  privateToken: string;
}

/**
 * Persists sessions with their expiry so a refresh with the same private token reuses the session
 * (the token itself is spent). Storage that throws (quota, disabled, private mode) is replaced by
 * memory; expired entries are removed, and entries that are not ours (another version's) ignored but
 * kept. It never throws.
 */
export class SessionStore {
  #storage: StorageLike;
  readonly #now: () => number;

  constructor(storage: StorageLike | null | undefined, now: () => number) {
    this.#storage = storage ?? createMemoryStorage();
    this.#now = now;
    // Reading an entry removes it if it is expired.
    const keys = this.#attempt(() =>
      Array.from({ length: this.#storage.length ?? 0 }, (_, index) => this.#storage.key?.(index)),
    );
    for (const key of keys) if (key?.startsWith(prefix)) this.read(key.slice(prefix.length));
  }

  read(key: string): StoredSession | undefined {
    const stored = parseStoredSession(this.#attempt(() => this.#storage.getItem(prefix + key)));
    if (stored) {
      if (stored.session.expiresAt > this.#now()) return stored;
      this.#attempt(() => this.#storage.removeItem(prefix + key));
    }
    return undefined;
  }

  write(key: string, { session, privateToken }: StoredSession): void {
    const raw = JSON.stringify({ v: 1, ...session, privateToken });
    this.#attempt(() => this.#storage.setItem(prefix + key, raw));
  }

  #attempt<T>(operation: () => T): T {
    try {
      return operation();
    } catch {
      // Storage that failed once is not trusted again: sessions live in memory for the rest of the page.
      this.#storage = createMemoryStorage();
      return operation();
    }
  }
}

/** `null` (no entry) parses as JSON `null`, which is no session either. */
function parseStoredSession(raw: string | null): StoredSession | undefined {
  try {
    const { v, token, acquiredAt, expiresAt, privateToken } = JSON.parse(raw!);
    if (
      v === 1 &&
      isFilled(token) &&
      isFilled(privateToken) &&
      [acquiredAt, expiresAt].every(Number.isFinite)
    ) {
      return { session: { token, acquiredAt, expiresAt }, privateToken };
    }
  } catch {
    // Not JSON, or JSON `null`: not ours.
  }
  return undefined;
}

const isFilled = (value: unknown): value is string => typeof value === 'string' && value !== '';
