/** An open session of one private video: `token` goes into every asset request as `avh`. */
export interface Session {
  readonly token: string;
  /** When the session was opened (ms since the epoch, from the client's clock). */
  readonly acquiredAt: number;
  /** When the delivery stops accepting it (24 h after opening by default). */
  readonly expiresAt: number;
}

/** The Web Storage shape (`sessionStorage`, `localStorage`); anything with it can persist sessions. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length?: number;
  key?(index: number): string | null;
}
