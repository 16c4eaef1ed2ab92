/**
 * The retry fields of `retry` that are numbers from 0 up, for spreading over the defaults. One given as
 * `undefined` (which the optional fields accept) would replace a default with `undefined`; one that is `NaN` (an
 * unset environment variable) or negative would make `attempt >= retries` never true (a failing service asked
 * again for good), `delay > maxRetryAfter` never true (a Retry-After of hours waited out), or a backoff no wait
 * at all. Such a field means its default.
 */
export function validRetryFields<T extends object>(retry: T | undefined): Partial<T> {
  return Object.fromEntries(
    Object.entries(retry ?? {}).filter(([, value]) => (value as number) >= 0),
  ) as Partial<T>;
}
