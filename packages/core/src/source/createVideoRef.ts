import { invalidSource } from '../errors/invalidSource.js';
import { toShown } from '../errors/toShown.js';
import { isPrivateToken } from './isPrivateToken.js';
import { toOrigin } from './toOrigin.js';
import { DEFAULT_DOMAINS, type DeliveryDomains, type VideoRef, type VideoRefInit } from './VideoRef.js';

/** Validates and normalises a reference; custom domains become origins, missing ones the defaults. */
export function createVideoRef(init: VideoRefInit, defaults?: Partial<DeliveryDomains>): VideoRef {
  const { videoId, privateToken } = init;
  // "undefined" and "null" are a missing value made into text (`/vod/${id}`), not an id.
  if (typeof videoId !== 'string' || !/^(?!(undefined|null)$)[A-Za-z0-9_-]{1,100}$/.test(videoId)) {
    throw invalidSource(`videoId ${toShown(videoId)}`, 'an api.video id (vi… or li…)');
  }
  if (privateToken !== undefined && !isPrivateToken(privateToken)) {
    // Not shown: a real token with a stray character (a text answer's newline) is still a credential.
    throw invalidSource(`privateToken for ${videoId}`, 'the token of a private asset URL');
  }
  // The reference's own domain, else the caller's default, else api.video's.
  const domain = (kind: keyof DeliveryDomains) =>
    toOrigin(init.domains?.[kind] ?? defaults?.[kind] ?? DEFAULT_DOMAINS[kind]);
  const domains = Object.freeze({ vod: domain('vod'), live: domain('live') });
  return Object.freeze({ videoId, privateToken, live: init.live === true, domains }) as VideoRef;
}
