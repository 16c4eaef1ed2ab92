import { PrivateVideoError } from '../errors/PrivateVideoError.js';

/**
 * Lets one caller stop waiting for shared work without cancelling it for the others (an opened session
 * has spent its private token: throwing it away would waste it). Once `signal` aborts, it rejects with
 * `toError(signal)` (by default the signal's reason, as `fetch` does); the work goes on.
 */
export function abortable<T>(
  promise: Promise<T>,
  signal: AbortSignal | null | undefined,
  toError: (signal: AbortSignal) => unknown = (aborted) => aborted.reason,
): Promise<T> {
  // `null` too, as `fetch` takes it (plain JS passes it).
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(toError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(toError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    // Also takes a rejection that comes after the abort, so none goes unhandled.
    promise.finally(() => signal.removeEventListener('abort', onAbort)).then(resolve, reject);
  });
}

/** The typed error of a session call its caller aborted. */
export function abortedError(signal: AbortSignal): PrivateVideoError {
  return new PrivateVideoError('aborted', 'Aborted by its caller.', {
    cause: signal.reason,
  });
}
