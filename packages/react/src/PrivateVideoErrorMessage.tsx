'use client';
import type { PrivateVideoError } from '@private-video/core';
import type { CSSProperties } from 'react';
import { getErrorMessage } from './errorMessages.js';

export interface PrivateVideoErrorMessageProps {
  error: PrivateVideoError;
  /** Shows a "Try again" button when given. */
  retry?: (() => void) | undefined;
  className?: string | undefined;
  style?: CSSProperties | undefined;
  /**
   * Focuses "Try again" when it appears: the player sets it when its video had the focus as it failed, and
   * after a retry that failed again.
   */
  autoFocus?: boolean | undefined;
}

/** The player's default error UI: an alert with one message per cause, in the player's box. */
export function PrivateVideoErrorMessage({
  error,
  retry,
  className,
  style,
  autoFocus,
}: PrivateVideoErrorMessageProps) {
  return (
    <div
      role="alert"
      className={className}
      data-private-video-error={error.code}
      style={{ ...defaultStyle, ...style }}
    >
      {getErrorMessage(error)}
      {retry && (
        // biome-ignore lint/a11y/noAutofocus: only when asked, for the focus that went with the video or the last alert.
        <button type="button" onClick={retry} autoFocus={autoFocus}>
          Try again
        </button>
      )}
    </div>
  );
}

const defaultStyle: CSSProperties = {
  boxSizing: 'border-box',
  display: 'flex',
  flexDirection: 'column',
  alignItems: 'center',
  justifyContent: 'center',
  gap: '0.75em',
  padding: '1em',
  aspectRatio: '16 / 9',
  background: '#111',
  color: '#fff',
  textAlign: 'center',
};
