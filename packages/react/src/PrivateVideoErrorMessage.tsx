'use client';
import { getErrorMessage, type PrivateVideoError } from '@private-video/core';
import { type CSSProperties, useState } from 'react';

/** Props of `PrivateVideoErrorMessage`. */
export interface PrivateVideoErrorMessageProps {
  error: PrivateVideoError;
  /** Shows a "Try again" button when given. */
  retry?: (() => void) | undefined;
  className?: string | undefined;
  style?: CSSProperties | undefined;
  /**
   * Focuses "Try again" when it appears, else the alert itself (a keyboard user's place is not dropped to the
   * page): the player sets it when its video had the focus as it failed, and after a retry that failed again.
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
  // Settled as the alert appears: a later render (of anything above it) would take back the `tabIndex` of the
  // focused alert, and the focus with it, once `autoFocus` no longer holds (it rarely does for long).
  const [focusAlert] = useState(autoFocus && !retry);
  return (
    <div
      role="alert"
      // Focusable by script only: no new tab stop.
      {...(focusAlert && { tabIndex: -1, ref: focus })}
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

/** Stable, so that only the alert's mount focuses it, not each render. */
const focus = (element: HTMLElement | null) => element?.focus();

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
