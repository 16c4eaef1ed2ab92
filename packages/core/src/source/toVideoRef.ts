import { invalidSource } from '../errors/invalidSource.js';
import { toShown } from '../errors/toShown.js';
import { createVideoRef } from './createVideoRef.js';
import { parseVideoUrl } from './parseVideoUrl.js';
import { readVideoUrl } from './readVideoUrl.js';
import type {
  ApiLiveStreamObject,
  ApiVideoObject,
  DeliveryDomains,
  VideoRef,
  VideoRefInit,
  VideoSource,
} from './VideoRef.js';

/**
 * Turns anything that names a video into a validated `VideoRef`.
 * @param domains custom delivery domains used where the source itself does not say (e.g. embed URLs).
 * @throws PrivateVideoError with code `invalid-source`, saying what is wrong and what was expected.
 */
export function toVideoRef(source: VideoSource, domains?: Partial<DeliveryDomains>): VideoRef {
  if (typeof source === 'string') return parseVideoUrl(source, domains);
  if (source === null || typeof source !== 'object') {
    throw invalidSource(`source ${toShown(source)}`, 'a URL, { videoId, privateToken } or an API object');
  }
  if ('liveStreamId' in source) return fromApiObject(source, source.liveStreamId, true, domains);
  // A private video object locates its token in its assets: without them too, it cannot be read.
  const object = source as ApiVideoObject & VideoRefInit;
  if (object.assets !== undefined || (object.public === false && object.privateToken === undefined)) {
    return fromApiObject(object, object.videoId, !!object.live, domains);
  }
  return createVideoRef(source, domains);
}

function fromApiObject(
  object: ApiVideoObject | ApiLiveStreamObject,
  videoId: string,
  live: boolean,
  domains: Partial<DeliveryDomains> | undefined,
): VideoRef {
  // An asset we cannot read (a new asset kind, a player page) does not make the object unusable. In the order
  // most likely to carry the private token and the delivery origin:
  const refs = (['hls', 'mp4', 'thumbnail', 'player', 'iframe'] as const)
    .map((key) => readVideoUrl(object.assets?.[key] ?? '', domains))
    // (Its `live` first: an object without an id must not take a missing asset for its own.)
    .filter((ref): ref is VideoRef => ref?.live === live && ref.videoId === videoId);
  // (A reference's private token, where it has one, is never empty.)
  const ref = refs.find((candidate) => candidate.privateToken) ?? refs[0];
  // First: a bad domain of the caller's fails every asset above, and is the cause to name, not the object.
  const withoutToken = createVideoRef({ videoId, live, domains: ref?.domains }, domains);
  if (object.public === false && !ref?.privateToken) {
    throw invalidSource(`private video ${toShown(videoId)}`, 'an asset URL with its private token');
  }
  return ref?.privateToken && object.public !== true ? ref : withoutToken;
}
