/**
 * Statuses that may mean "this session is dead": the delivery answers 404 for a dead session as well as
 * for a missing asset, so each one is checked before anything is renewed.
 */
export const authStatuses: ReadonlySet<number> = new Set([401, 403, 404]);

/** A URL for messages and errors: the session token is never written into an error. */
export function withoutAvh(url: string): string {
  return url.replace(/([?&])avh=[^&#]*&?/, '$1').replace(/[?&](#|$)/, '$1');
}
