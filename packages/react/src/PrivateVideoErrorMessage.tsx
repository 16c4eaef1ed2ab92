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
}

/** The player's default error UI: an alert with one message per cause, in the player's box. */
export function PrivateVideoErrorMessage({ error, retry, className, style }: PrivateVideoErrorMessageProps) {
  return (
    <div
      role="alert"
      className={className}
      data-private-video-error={error.code}
      style={{ ...defaultStyle, ...style }}
    >
      {getErrorMessage(error)}
      {retry && (
        <button type="button" onClick={retry}>
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
