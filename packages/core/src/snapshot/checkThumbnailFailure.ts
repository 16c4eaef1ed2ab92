import { PrivateVideoError } from '../errors/PrivateVideoError.js';
import { checkSession } from '../session/checkSession.js';
import type { VideoSession } from '../session/VideoSession.js';

/**
 * Why the thumbnail `url` of `video` did not load, found out by a session check, since the browser tells an
 * `<img>` nothing: a session the delivery has ended (before its time: the clock cannot see it) is renewed
 * through `getPrivateToken`, and `undefined` says so (the new session signs a new thumbnail URL, which
 * loads anew), else the renewal's error; without one, `session-expired`.
 * Otherwise `network` when the check got no answer either, else `media` (the image itself).
 * @param fetch requests the probe (default: the global `fetch`); never rejects.
 * @param gone aborted when the thumbnail went away: then nothing is renewed for it (a fresh private token would
 * be spent for nobody), and `undefined` says nothing is to be shown.
 */
export async function checkThumbnailFailure(
  video: VideoSession,
  url: string,
  fetch: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init),
  gone?: AbortSignal,
): Promise<PrivateVideoError | undefined> {
  // As long as a session request may take (browsers from before 2022 have no `AbortSignal.timeout`: they wait).
  const signal = AbortSignal.timeout?.(10_000);
  const check = await checkSession(video, url, (probe) =>
    fetch(video.sign(probe), { cache: 'no-store', signal }),
  );
  if (gone?.aborted) return;
  if (check === 'dead' && video.canRenew()) {
    // A renewal that fails leaves the old session in place (what else uses it may play on): its error is ours.
    return video.renew().then(
      () => undefined,
      (error: PrivateVideoError) => error,
    );
  }
  // (No URL in the error: it holds the private token and the session.)
  return new PrivateVideoError(
    check === 'alive' ? 'media' : check === 'dead' ? 'session-expired' : 'network',
    check === 'alive'
      ? 'The thumbnail could not be loaded.'
      : `The thumbnail's session check found it ${check}.`,
  );
}
