/** Whether `value` can be a private token: one path segment of a private asset URL. */
export const isPrivateToken = (value: unknown): value is string =>
  typeof value === 'string' &&
  // Dot-only tokens are refused: URL resolution would swallow them as `.` / `..` path segments. So are
  // "undefined" and "null": a missing value made into text (`?token=${token}`), not a token.
  /^(?!(\.+|undefined|null)$)[A-Za-z0-9._~-]{1,200}$/.test(value);
