import type { LogEntry } from '@private-video/emulator';
import type { RequestSeen } from './runPage';

/** A run's requests without `avh`, counted on both sides of the wire (see `unsignedRequests`). */
export interface UnsignedRequests {
  /** Every request the emulator logged but `/session` (which spends the private token, never `avh`). */
  assetRequests: number;
  /** Logged by the emulator without `avh`, whatever path they took (the token's, another, none). */
  unsigned: number;
  /**
   * Issued by the browser without `avh`, to any origin but the bench pages' (the `/session` request aside):
   * also sees what the emulator never logs (another origin, a request refused before it was sent).
   */
  unsignedSeenByBrowser: string[];
}

/**
 * The signing check of one run: `logged` is what the emulator logged during it (runs are sequential, so all of
 * it is the run's), `requests` what the browser issued. Both must be free of unsigned requests.
 */
export function unsignedRequests(
  logged: readonly LogEntry[],
  requests: readonly RequestSeen[],
  pagesUrl: string,
): UnsignedRequests {
  const assets = assetEntries(logged);
  return {
    assetRequests: assets.length,
    unsigned: assets.filter((entry) => !entry.avh).length,
    unsignedSeenByBrowser: browserUnsigned(requests, pagesUrl),
  };
}

/** Whether neither side saw a request without `avh`. */
export function allSigned(check: UnsignedRequests): boolean {
  return check.unsigned === 0 && check.unsignedSeenByBrowser.length === 0;
}

/** Every logged request but `/session`: what must be signed. */
export function assetEntries(logged: readonly LogEntry[]): LogEntry[] {
  return logged.filter((entry) => entry.kind !== 'session');
}

/** Requests the browser sent without `avh` anywhere but the bench pages' own server (URLs without query). */
export function browserUnsigned(requests: readonly RequestSeen[], pagesUrl: string): string[] {
  const pagesOrigin = new URL(pagesUrl).origin;
  return requests
    .filter(({ url }) => /^https?:/.test(url))
    .map(({ url }) => new URL(url))
    .filter((url) => url.origin !== pagesOrigin && !url.pathname.endsWith('/session'))
    .filter((url) => !url.searchParams.has('avh'))
    .map((url) => url.origin + url.pathname);
}
