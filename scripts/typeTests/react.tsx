// What an app writes against the React API, under the strictest settings (`exactOptionalPropertyTypes`).
import type {
  PlaybackTarget,
  PrivateVideoError,
  Session,
  SessionStatus,
  VideoRef,
  VideoSession,
  VideoSource,
} from '@private-video/core';
import {
  type PrivateSessionResult,
  PrivateThumbnail,
  type PrivateThumbnailProps,
  usePrivatePlayback,
  usePrivateSession,
} from '@private-video/react';
import type { MouseEvent, MouseEventHandler } from 'react';

export function Card() {
  return (
    <>
      {/* @ts-expect-error: an image has no content (React throws once it renders) */}
      <PrivateThumbnail videoId="vi4blUQJFrYWbaG44NChkH27">caption</PrivateThumbnail>
      {/* @ts-expect-error: nor inner HTML */}
      <PrivateThumbnail videoId="vi4blUQJFrYWbaG44NChkH27" dangerouslySetInnerHTML={{ __html: '' }} />
    </>
  );
}

declare const videoSession: VideoSession | undefined;
export function usePlayer(target: PlaybackTarget | null) {
  // Every option has a default.
  return usePrivatePlayback(target, videoSession);
}

// `onClick` is typed as React types its own (bivariant): a handler of the `<button>` (no `href`), of the `<a>`
// (with one) or of any element is taken, and an app's wrapper may hand it to an element of its own.
declare function onButton(event: MouseEvent<HTMLButtonElement>): void;
declare function onLink(event: MouseEvent<HTMLAnchorElement>): void;
declare function onElement(event: MouseEvent<HTMLElement>): void;
declare const buttonHandler: MouseEventHandler<HTMLButtonElement>;
export function Clickable() {
  return (
    <>
      <PrivateThumbnail videoId="vi4blUQJFrYWbaG44NChkH27" onClick={onButton} />
      <PrivateThumbnail videoId="vi4blUQJFrYWbaG44NChkH27" href="/watch" onClick={onLink} />
      <PrivateThumbnail videoId="vi4blUQJFrYWbaG44NChkH27" onClick={onElement} />
      <PrivateThumbnail videoId="vi4blUQJFrYWbaG44NChkH27" onClick={buttonHandler} />
      <PrivateThumbnail
        videoId="vi4blUQJFrYWbaG44NChkH27"
        onClick={(event) => {
          const wrapper: HTMLElement = event.currentTarget;
          return wrapper;
        }}
      />
    </>
  );
}
// A wrapper's props pass its `onClick` on, and a button-typed handler fits the props type too.
export const clickableProps: PrivateThumbnailProps = {
  videoId: 'vi4blUQJFrYWbaG44NChkH27',
  onClick: onButton,
};
export function MyThumbnail(props: PrivateThumbnailProps) {
  return <PrivateThumbnail {...props} />;
}
export function MyCard(props: PrivateThumbnailProps) {
  const open = (event: MouseEvent<HTMLElement>) => props.onClick?.(event);
  return (
    <>
      <button type="button" onClick={props.onClick}>
        Open
      </button>
      <a href="/watch" onClick={open}>
        Watch
      </a>
    </>
  );
}

// `usePrivateSession`'s result narrows on `status`, as far as the session guarantees it.
/** Compiles where `value` is a `T`. */
declare function is<T>(value: T): void;
export function useSessionToken(source: VideoSource): string | undefined {
  const { status, session } = usePrivateSession(source);
  // Destructured fields narrow together too.
  return status === 'open' ? session.token : undefined;
}
export function readResult(result: PrivateSessionResult) {
  // Every field is there, as before; not narrowed, any may be `undefined`.
  is<SessionStatus>(result.status);
  is<Session | undefined>(result.session);
  is<PrivateVideoError | undefined>(result.error);
  is<VideoRef | undefined>(result.ref);
  is<VideoSession | undefined>(result.videoSession);
  is<string>(result.sign('https://vod.api.video/vod/vi1/token/pt1/thumbnail.jpg'));
  // @ts-expect-error: there may be no session
  result.session.token;
  // @ts-expect-error: nor an error
  result.error.code;
  // @ts-expect-error: nor a reference (a source that could not be read)
  result.ref.videoId;
  // Only an open or renewing session has one.
  if (result.session) is<'open' | 'renewing'>(result.status);
  switch (result.status) {
    case 'open':
      is<string>(result.session.token);
      is<undefined>(result.error);
      is<string>(result.ref.videoId);
      is<boolean>(result.videoSession.canOpen());
      break;
    case 'renewing':
      // The session being renewed, if there was one: a renewal may start without (never opened, or failed).
      // @ts-expect-error: maybe none
      result.session.token;
      is<string | undefined>(result.session?.token);
      is<undefined>(result.error);
      is<string>(result.ref.videoId);
      is<boolean>(result.videoSession.canOpen());
      break;
    case 'public':
    case 'idle':
    case 'opening':
      is<undefined>(result.session);
      is<undefined>(result.error);
      is<string>(result.ref.videoId);
      is<boolean>(result.videoSession.canOpen());
      break;
    case 'error':
      is<string>(result.error.code);
      is<undefined>(result.session);
      // @ts-expect-error: a source that could not be read has no session object
      result.videoSession.canOpen();
      // @ts-expect-error: nor a reference
      result.ref.videoId;
      // A source that was read has both.
      if (result.videoSession) is<string>(result.ref.videoId);
      break;
    default:
      is<never>(result);
  }
}
