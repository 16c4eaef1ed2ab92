/** Whether `value` can be a session token: printable ASCII that fits in a URL's query. */
export const isSessionToken = (value: unknown): value is string =>
  typeof value === 'string' && /^[\x21-\x7e]{1,1024}$/.test(value);
