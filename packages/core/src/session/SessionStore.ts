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
 * memory; entries that are expired or not ours are ignored and removed. It never throws.
 */
export class SessionStore {
  #storage: StorageLike;
  readonly #now: () => number;

  constructor(storage: StorageLike | null | undefined, now: () => number) {
    this.#storage = storage ?? createMemoryStorage();
    this.#now = now;
    this.purgeExpired();
  }

  read(key: string): StoredSession | undefined {
    const raw = this.#attempt(() => this.#storage.getItem(prefix + key), null);
    if (raw === null) return undefined;
    const stored = parseStoredSession(raw);
    if (stored === undefined || stored.session.expiresAt <= this.#now()) {
      this.remove(key);
      return undefined;
    }
    return stored;
  }

  write(key: string, value: StoredSession): void {
    const raw = JSON.stringify({ v: 1, ...value.session, privateToken: value.privateToken });
    this.#attempt(() => this.#storage.setItem(prefix + key, raw), undefined);
  }

  remove(key: string): void {
    this.#attempt(() => this.#storage.removeItem(prefix + key), undefined);
  }

  purgeExpired(): void {
    const storage = this.#storage;
    const keys = this.#attempt(() => {
      const found: string[] = [];
      for (let index = 0; index < (storage.length ?? 0); index++) {
        const key = storage.key?.(index);
        if (key?.startsWith(prefix)) found.push(key.slice(prefix.length));
      }
      return found;
    }, []);
    for (const key of keys) this.read(key);
  }

  #attempt<T>(operation: () => T, fallback: T): T {
    try {
      return operation();
    } catch {
      // Storage that failed once is not trusted again: sessions live in memory for the rest of the page.
      this.#storage = createMemoryStorage();
      try {
        return operation();
      } catch {
        return fallback;
      }
    }
  }
}

function parseStoredSession(raw: string): StoredSession | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { v, token, acquiredAt, expiresAt, privateToken } = value as Record<string, unknown>;
  const isValid =
    v === 1 &&
    typeof token === 'string' &&
    token !== '' &&
    typeof privateToken === 'string' &&
    privateToken !== '' &&
    Number.isFinite(acquiredAt) &&
    Number.isFinite(expiresAt);
  if (!isValid) return undefined;
  return {
    session: { token, acquiredAt: acquiredAt as number, expiresAt: expiresAt as number },
    privateToken,
  };
}
