/**
 * The default wait between retries: ends early (resolving) when `signal` aborts, so a call its caller
 * abandoned leaves no timer behind to keep the process busy for up to `maxRetryAfter`.
 */
export function wait(ms: number, signal?: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    // Its abort event is over: a listener would never hear it.
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
