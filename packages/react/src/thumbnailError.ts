import { PrivateVideoError } from '@private-video/core';

/** The browser tells an `<img>` nothing about why it failed, so there is only one cause to report. */
export function thumbnailError(): PrivateVideoError {
  return new PrivateVideoError('media', 'The thumbnail image failed to load.');
}
