import { PrivateVideoError } from '../errors/PrivateVideoError.js';
import { isPrivateToken } from './isPrivateToken.js';
import { toOrigin } from './toOrigin.js';
import { DEFAULT_DOMAINS, type DeliveryDomains, type VideoRef, type VideoRefInit } from './VideoRef.js';

const videoIdPattern = /^[A-Za-z0-9_-]{1,100}$/;

/** Validates and normalises a reference; custom domains become origins, missing ones the defaults. */
export function createVideoRef(init: VideoRefInit, defaults?: Partial<DeliveryDomains>): VideoRef {
  const { videoId, privateToken } = init;
  if (typeof videoId !== 'string' || !videoIdPattern.test(videoId)) {
    throw new PrivateVideoError(
      'invalid-source',
      `Invalid videoId ${JSON.stringify(videoId)}: expected an api.video id such as "vi4blUQJFrYWbaG44NChkH27".`,
    );
  }
  if (privateToken !== undefined && !isPrivateToken(privateToken)) {
    // Not shown: a real token with a stray character (a text answer's newline) is still a credential.
    throw new PrivateVideoError(
      'invalid-source',
      `Invalid privateToken for ${videoId}: expected the token of a private asset URL.`,
    );
  }
  const domains = Object.freeze({
    vod: toOrigin(init.domains?.vod ?? defaults?.vod ?? DEFAULT_DOMAINS.vod),
    live: toOrigin(init.domains?.live ?? defaults?.live ?? DEFAULT_DOMAINS.live),
  });
  return Object.freeze({ videoId, privateToken, live: init.live === true, domains });
}
