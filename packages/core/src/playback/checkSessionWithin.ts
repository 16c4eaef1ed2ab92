import { checkSession, type SessionCheck } from '../session/checkSession.js';
import type { VideoSession } from '../session/VideoSession.js';
import { toDuration } from '../toDuration.js';
import type { PrivatePlaybackOptions } from './types.js';

const defaultTimeout = 10_000;

export interface SessionCheckOptions
  extends Pick<PrivatePlaybackOptions, 'fetch' | 'sessionCheckTimeout' | 'setTimeout' | 'clearTimeout'> {
  /** Signs the probe. */
  sign: (url: string) => string;
  /** The player's teardown: aborts the probe, which then says nothing (`alive`). */
  signal: AbortSignal;
}

/**
 * `checkSession`, with a time limit: a probe that gets no answer in time counts as a network failure, as
 * waiting for it would hold up the renewal and the fallback for good.
 */
export async function checkSessionWithin(
  session: VideoSession,
  refusedUrl: string,
  options: SessionCheckOptions,
): Promise<SessionCheck> {
  const { signal } = options;
  const request = new AbortController();
  const abort = () => request.abort();
  signal.addEventListener('abort', abort);
  let timer: unknown;
  // Raced rather than only aborted: the answer is given up on even where an abort is not honoured
  // (at its timeout, or at teardown, whose abort must not leave this waiting with its timer).
  const timedOut = new Promise<never>((_resolve, reject) => {
    request.signal.addEventListener('abort', reject);
    // As every duration option: 0 or `NaN` would time every check out at once (a dead session never renewed).
    timer = (options.setTimeout ?? setTimeout)(
      reject,
      toDuration(options.sessionCheckTimeout, defaultTimeout),
    );
  });
  // The `finally` below rejects it (its abort), raced or not: that rejection must not go unhandled.
  timedOut.catch(() => {});
  try {
    const check = await checkSession(session, refusedUrl, (probe) =>
      Promise.race([fetchProbe(options, probe, request.signal), timedOut]),
    );
    // A probe the teardown (destroy()) aborted says nothing: there is nothing to renew or fail any more.
    return signal.aborted ? 'alive' : check;
  } finally {
    (options.clearTimeout ?? clearTimeout)(timer as ReturnType<typeof setTimeout>);
    abort(); // a request given up on is not left hanging
    signal.removeEventListener('abort', abort);
  }
}

/** Async so that an app's `fetch` that throws at once fails as one that rejects: a network failure. */
async function fetchProbe(
  options: SessionCheckOptions,
  probe: string,
  signal: AbortSignal,
): Promise<Response> {
  return (options.fetch ?? globalThis.fetch)(options.sign(probe), { cache: 'no-store', signal });
}
