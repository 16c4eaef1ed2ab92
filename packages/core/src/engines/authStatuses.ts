/**
 * Statuses that may mean "this session is dead": the delivery answers 404 for a dead session as well as
 * for a missing asset, so each one is checked before anything is renewed.
 */
export const authStatuses: ReadonlySet<number> = new Set([401, 403, 404]);

/** One `avh` parameter, with the `&` after it when another parameter follows. */
const avhParameter = /([?&])avh=[^&#\s]*(&?)/g;

/**
 * A URL, or a message holding URLs (players write them into theirs), without the session token: the
 * token is never written into an error. Repeated until none is left, so `?avh=a&avh=b` loses both.
 */
export function withoutAvh(text: string): string {
  let previous: string;
  let current = text;
  do {
    previous = current;
    current = previous.replace(avhParameter, (_match, separator: string, next: string) =>
      next ? separator : '',
    );
  } while (current !== previous);
  return current;
}
