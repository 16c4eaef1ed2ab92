import type { SessionState } from '../session/VideoSession.js';
import { signUrl } from '../signing/signUrl.js';
import { toAssetUrls } from '../source/assetUrls.js';

export interface SignedAssets {
  thumbnail: string | undefined;
  hls: string | undefined;
  mp4: string | undefined;
}

/**
 * The asset URLs of one session snapshot, signed with that snapshot's session (not the live one), so a
 * render is a pure function of the snapshot it was given, as hydration requires. `undefined` URLs
 * while a private video has no session.
 */
export function toSignedAssets(state: SessionState | undefined): SignedAssets {
  const urls = state && toAssetUrls(state.ref);
  const sessionToken = state?.session?.token;
  const sign = (url: string | undefined) =>
    state?.status === 'public' ? url : url && sessionToken && signUrl(url, { ref: state!.ref, sessionToken });
  return { thumbnail: sign(urls?.thumbnail), hls: sign(urls?.hls), mp4: sign(urls?.mp4) };
}
