const sessionTokenPattern = /^[\x21-\x7e]{1,1024}$/;

/** Whether `value` can be a session token: printable ASCII that fits in a URL's query. */
export const isSessionToken = (value: unknown): value is string =>
  typeof value === 'string' && sessionTokenPattern.test(value);
