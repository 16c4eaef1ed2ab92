import { isPrivateToken } from '../source/isPrivateToken.js';
import { createMemoryStorage } from './createMemoryStorage.js';
import { isSessionToken } from './isSessionToken.js';
import type { Session, StorageLike } from './Session.js';

const prefix = 'private-video:session:';

/** What survives a page refresh: the session and the private token whose path it opened. */
export interface StoredSession {
  session: Session;
  privateToken: string;
}

/**
 * Persists sessions with their expiry so a refresh with the same private token reuses the session
 * (the token itself is spent). Storage that throws as it is read (disabled, private mode) is replaced by
 * memory, and a write it refuses (quota) is left out; expired entries are removed (as they are read, and
 * before a write once one may have expired), and entries that are not ours (another version's) ignored but
 * kept. It never throws.
 */
export class SessionStore {
  #storage: StorageLike;
  readonly #now: () => number;
  /**
   * When the first entry this store knows of expires: no sweep before then (0: the storage may hold entries of
   * earlier pages). A sweep reads every entry, and a page that opens sessions all day would pay for all the
   * earlier ones at each write.
   */
  #sweepAt = 0;

  /** @param storage `undefined`: `sessionStorage`; `null`: memory only. */
  constructor(storage: StorageLike | null | undefined, now: () => number) {
    try {
      this.#storage = (storage === undefined ? globalThis.sessionStorage : storage) ?? createMemoryStorage();
    } catch {
      // Merely reading `sessionStorage` throws in sandboxed frames.
      this.#storage = createMemoryStorage();
    }
    this.#now = now;
  }

  read(key: string): StoredSession | undefined {
    const stored = parseStoredSession(this.#attempt(() => this.#storage.getItem(prefix + key)));
    if (!stored || stored.session.expiresAt > this.#now()) return stored;
    this.#attempt(() => this.#storage.removeItem(prefix + key));
    return undefined;
  }

  write(key: string, session: Session, privateToken: string): void {
    // Expired entries go first, so that they never fill the storage: a page may stay open for days, and one
    // that could not write (its quota reached) would keep its sessions in memory only, lost on a refresh.
    // Reading an entry removes it if it is expired. Backwards, so that a removal moves no key still to be read.
    // Only once one this store knows of has expired, or when the storage is full: then entries it does not know
    // of (another tab's, on shared storage) may have.
    for (let full = false; ; full = true) {
      if (full || this.#now() >= this.#sweepAt) {
        this.#sweepAt = Infinity;
        for (let index = this.#attempt(() => this.#storage.length ?? 0); index--; ) {
          const stored = this.#attempt(() => this.#storage.key?.(index));
          const kept = stored?.startsWith(prefix) && this.read(stored.slice(prefix.length));
          if (kept) this.#sweepAt = Math.min(this.#sweepAt, kept.session.expiresAt);
        }
      }
      this.#sweepAt = Math.min(this.#sweepAt, session.expiresAt);
      try {
        this.#storage.setItem(prefix + key, JSON.stringify({ v: 1, ...session, privateToken }));
        return;
      } catch {
        // Full (its quota reached), even once swept: this session is not kept for a refresh, but the storage is
        // kept all the same. It reads as well as ever: the sessions it holds stay found, and their spent tokens
        // are never sent again.
        if (full) return;
      }
    }
  }

  #attempt<T>(operation: () => T): T {
    try {
      return operation();
    } catch {
      // Storage that cannot be read (disabled, private mode) is not trusted again: sessions live in memory for
      // the rest of the page.
      this.#storage = createMemoryStorage();
      return operation();
    }
  }
}

/**
 * `null` (no entry) parses as JSON `null`, which is no session either. Tokens are checked as the delivery's
 * answer and a source are: an entry edited by hand (or by another script) is not ours, and throws nothing.
 */
function parseStoredSession(raw: string | null): StoredSession | undefined {
  try {
    const { v, token, acquiredAt, expiresAt, privateToken } = JSON.parse(raw!);
    if (
      v === 1 &&
      isSessionToken(token) &&
      isPrivateToken(privateToken) &&
      [acquiredAt, expiresAt].every(Number.isFinite)
    ) {
      return { session: { token, acquiredAt, expiresAt }, privateToken };
    }
  } catch {
    // Not JSON, or JSON `null`: not ours.
  }
  return undefined;
}
