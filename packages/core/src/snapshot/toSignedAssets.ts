import type { SessionState } from '../session/VideoSession.js';
import { signUrl } from '../signing/signUrl.js';
import { toHlsUrl, toMp4Url, toThumbnailUrl } from '../source/assetUrls.js';
import type { VideoRef } from '../source/VideoRef.js';

/** A video's asset URLs signed with its session (`?avh=…`); `undefined` while it has none. */
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
  const sessionToken = state?.session?.token;
  // Each builder's URL, signed: `toAssetUrls` and its object would only cost bytes on the way.
  const sign = (toUrl: (ref: VideoRef) => string | undefined) => {
    const url = state && toUrl(state.ref);
    // (A URL comes only with a state.)
    return state?.status === 'public'
      ? url
      : url && sessionToken && signUrl(url, { ref: state!.ref, sessionToken });
  };
  return { thumbnail: sign(toThumbnailUrl), hls: sign(toHlsUrl), mp4: sign(toMp4Url) };
}
