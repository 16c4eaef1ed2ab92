import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * A map keyed by secrets (private and session tokens). Lookups go through a SHA-256 digest, so the
 * hash table never compares the secret itself, and the final check is a constant-time comparison.
 */
export class SecretMap<T> {
  readonly #entries = new Map<string, { secret: Buffer; value: T }>();
  readonly #limit: number;

  /** With a `limit`, adding past it forgets the oldest entries first (a `Map` iterates in insertion order). */
  constructor(options: { limit?: number } = {}) {
    this.#limit = options.limit ?? Number.POSITIVE_INFINITY;
  }

  get size(): number {
    return this.#entries.size;
  }

  set(secret: string, value: T): void {
    this.#entries.set(digest(secret), { secret: Buffer.from(secret), value });
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= this.#limit) break;
      this.#entries.delete(key);
    }
  }

  delete(secret: string): boolean {
    return this.get(secret) !== undefined && this.#entries.delete(digest(secret));
  }

  get(secret: string): T | undefined {
    const entry = this.#entries.get(digest(secret));
    if (!entry) return undefined;
    return secretsEqual(entry.secret, Buffer.from(secret)) ? entry.value : undefined;
  }

  values(): IterableIterator<T> {
    return [...this.#entries.values()].map((entry) => entry.value)[Symbol.iterator]();
  }

  clear(): void {
    this.#entries.clear();
  }
}

/** Constant-time equality; `timingSafeEqual` needs equal lengths, and a length difference is no secret. */
export function secretsEqual(a: Buffer | string, b: Buffer | string): boolean {
  const left = typeof a === 'string' ? Buffer.from(a) : a;
  const right = typeof b === 'string' ? Buffer.from(b) : b;
  return left.length === right.length && timingSafeEqual(left, right);
}

function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('base64');
}
