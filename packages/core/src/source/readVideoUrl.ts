import { parseVideoUrl } from './parseVideoUrl.js';
import type { DeliveryDomains, VideoRef } from './VideoRef.js';

/**
 * `parseVideoUrl`, or `undefined` where a URL that names no video is no failure: an API object's assets,
 * what `getPrivateToken` returned.
 */
export function readVideoUrl(input: string, domains?: Partial<DeliveryDomains>): VideoRef | undefined {
  try {
    return parseVideoUrl(input, domains);
  } catch {
    return undefined;
  }
}
