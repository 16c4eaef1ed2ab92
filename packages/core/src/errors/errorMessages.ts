import type { PrivateVideoError, PrivateVideoErrorCode } from './PrivateVideoError.js';

/**
 * What a viewer reads for each cause, in any framework's player (the React components show these); an app
 * replaces them through its own error UI (React's `renderError`).
 */
export const errorMessages: Readonly<Record<PrivateVideoErrorCode, string>> = {
  'invalid-source': 'This video link is not valid.',
  'token-used': 'This private video link is no longer valid. Reload the page to get a new one.',
  forbidden: 'This video cannot be watched on this site.',
  network: 'The video could not be reached. Check your connection and try again.',
  server: 'The video service is not answering right now. Try again in a moment.',
  'malformed-response': 'The video service sent an unexpected answer. Reload the page to try again.',
  aborted: 'Loading the video was cancelled.',
  'session-expired': 'Your viewing session has expired. Reload the page to keep watching.',
  'renewal-failed': 'Your viewing session could not be renewed. Try again in a moment.',
  unsupported: 'This video cannot be played in this browser.',
  media: 'The video could not be played.',
};

/** The viewer's text for `error`, as a player (default) or a thumbnail shows it. */
export function getErrorMessage(error: PrivateVideoError, kind?: 'player' | 'thumbnail'): string {
  // Thumbnails fail differently from players only when the image itself does not load.
  return kind === 'thumbnail' && error.code === 'media'
    ? 'The thumbnail could not be loaded.'
    : errorMessages[error.code];
}
