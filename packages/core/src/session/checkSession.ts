import { authStatuses } from '../engines/authStatuses.js';
import { toHlsUrl, toThumbnailUrl } from '../source/assetUrls.js';
import type { VideoSession } from './VideoSession.js';

/**
 * What a session check found: the session `dead` (its probe refused), the network `unreachable` (no answer,
 * or none in time), or `alive` (any other answer: a 5xx or a 429 says nothing against the session either).
 */
export type SessionCheck = 'dead' | 'alive' | 'unreachable';

/**
 * Whether the refusal of `refusedUrl` (or a failure the browser gives no status for) means the session is
 * dead, by one cheap signed request that must succeed while it lives: the manifest, or the thumbnail when the
 * manifest itself was refused. The delivery answers a missing asset as it does a dead session, so only the
 * probe tells them apart; and a renewal spends a private token. A session renewed while it ran is not dead:
 * the refusal was about the old one.
 * @param fetchProbe signs and requests the probe; a rejection (network failure, timeout) is `unreachable`.
 */
export async function checkSession(
  video: VideoSession,
  refusedUrl: string,
  fetchProbe: (url: string) => Promise<Response>,
): Promise<SessionCheck> {
  const { ref } = video;
  if (ref.privateToken === undefined) return 'alive'; // a public video has no session: its assets failed
  const checkedToken = video.getState().session?.token;
  const manifest = toHlsUrl(ref);
  try {
    const response = await fetchProbe(refusedUrl.split('?')[0] === manifest ? toThumbnailUrl(ref) : manifest);
    await response.body?.cancel().catch(() => {});
    return authStatuses.has(response.status) && video.getState().session?.token === checkedToken
      ? 'dead'
      : 'alive';
  } catch {
    return 'unreachable';
  }
}
