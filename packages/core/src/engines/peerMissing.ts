import { PrivateVideoError } from '../errors/PrivateVideoError.js';

/** The error of an engine whose player library the app was built without. */
export function peerMissing(name: 'hls.js' | 'video.js'): PrivateVideoError {
  return new PrivateVideoError(
    'unsupported',
    `${name} is not installed: the app was built without it. Add it to the app's dependencies.`,
  );
}
