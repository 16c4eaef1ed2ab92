import { PrivateVideoError } from '../errors/PrivateVideoError.js';

/**
 * Lets one caller stop waiting for shared work without cancelling it for the others (an opened session
 * has spent its private token: throwing it away would waste it).
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(abortedError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export function abortedError(signal: AbortSignal): PrivateVideoError {
  return new PrivateVideoError('aborted', 'The operation was aborted by its caller.', {
    cause: signal.reason,
  });
}
