'use client';
import type {
  GetPrivateToken,
  PlaybackTarget,
  PrivatePlaybackOptions,
  PrivateVideoError,
  ServerSession,
  SessionClient,
} from '@private-video/core';
import { toSignedAssets } from '@private-video/core';
import {
  forwardRef,
  type ReactNode,
  useCallback,
  useContext,
  useMemo,
  useState,
  type VideoHTMLAttributes,
} from 'react';
import type { FocusLost } from './mountVideojsElement.js';
import { noop } from './noop.js';
import { PrivateVideoContext } from './PrivateVideoContext.js';
import { PrivateVideoErrorMessage } from './PrivateVideoErrorMessage.js';
import { setRef } from './setRef.js';
import { splitProps } from './splitProps.js';
import { toCssLength } from './toCssLength.js';
import { type PrivateVideoSourceProps, sourceKeys, toSourceKey, toVideoSource } from './toVideoSource.js';
import { useOnError } from './useOnError.js';
import { type PlaybackCallbacks, usePrivatePlayback } from './usePrivatePlayback.js';
import { useVideojsTarget } from './useVideojsTarget.js';
import { useVideoSession } from './useVideoSession.js';

type VideoProps = Omit<VideoHTMLAttributes<HTMLVideoElement>, 'src' | 'onError' | 'autoPlay'>;

/** The controller's options a player takes as props (read when playback starts). */
type PlaybackProps = Pick<
  PrivatePlaybackOptions,
  | 'engine'
  | 'fallback'
  | 'autoPlay'
  | 'startTime'
  | 'renewMargin'
  | 'nativeHls'
  | 'hlsConfig'
  | 'videojsOptions'
  | 'answerTimeout'
  | 'reconnectTimeout'
  | 'loadEngine'
>;

/**
 * Props of `PrivateVideoPlayer`: the video, the controller's options and events, other `<video>` props.
 * With `engine="video.js"`, React does not own the `<video>`: event props get the native `Event` (no
 * `nativeEvent`, no `persist()`), only media and user events are listened to (not form, scroll or animation
 * events), and children are not rendered (see the README's "video.js" section).
 */
export interface PrivateVideoPlayerProps
  extends PrivateVideoSourceProps,
    VideoProps,
    PlaybackProps,
    PlaybackCallbacks {
  /** Mints a fresh private token through your backend, so an expired session is renewed mid-play. */
  getPrivateToken?: GetPrivateToken | undefined;
  /** A session opened on the server: no `/session` request is made. */
  session?: ServerSession | null | undefined;
  client?: SessionClient | undefined;
  /** Replaces the default error UI; `retry` is given when trying again may help. */
  renderError?: ((error: PrivateVideoError, retry: (() => void) | undefined) => ReactNode) | undefined;
}

/** Props that configure playback (read when it starts) rather than the `<video>` element. */
const playbackKeys = [
  'engine',
  'fallback',
  'getPrivateToken',
  'autoPlay',
  'startTime',
  'renewMargin',
  'nativeHls',
  'hlsConfig',
  'videojsOptions',
  'answerTimeout',
  'reconnectTimeout',
  'loadEngine',
  'onStateChange',
  'onFallback',
  'onError',
  'onSessionRenewed',
  'onEngine',
] as const;

/**
 * Plays a private video with hls.js, video.js or the browser alone, every request signed with the
 * video's one session (shared with its thumbnail), renewing it through `getPrivateToken` and falling
 * back to the mp4 when HLS fails. The `ref` is the `<video>` element.
 */
export const PrivateVideoPlayer = forwardRef<HTMLVideoElement, PrivateVideoPlayerProps>(
  function PrivateVideoPlayer(props, ref) {
    const [sourceProps, ownProps] = splitProps(props, sourceKeys);
    const { session, client, renderError, ...rest } = ownProps;
    const [playbackOptions, videoProps] = splitProps(rest, playbackKeys);
    const context = useContext(PrivateVideoContext);
    const engine = playbackOptions.engine ?? context?.engine ?? 'hls.js';
    // Given to playback in this render's own copy of the props (as `videoProps` is, below).
    playbackOptions.engine = engine;
    const videojs = engine === 'video.js';
    const resolved = useVideoSession(() => toVideoSource(sourceProps), toSourceKey(sourceProps), props);
    // Signed with the session it has now: a renewal signs it anew, as the one before may have been refused
    // (a session the delivery ended; the browser then shows none). That costs the poster's download again
    // at a renewal, about once a day.
    // `videoProps` is this render's own copy of the props: the app's poster wins over the signed one.
    videoProps.poster ??= toSignedAssets(resolved.expired ? undefined : resolved.state).thumbnail;

    // hls.js and native play in the `<video>` React renders; video.js in one created in a container.
    const [element, setElement] = useState<HTMLVideoElement | null>(null);
    const videoRef = useCallback(
      (node: HTMLVideoElement | null) => {
        setElement(node);
        return setRef(ref, node);
      },
      [ref],
    );
    const elementTarget = useMemo(
      (): PlaybackTarget | null => element && { mount: () => ({ video: element, unmount: noop }) },
      [element],
    );
    const [videojsTarget, setContainer] = useVideojsTarget(videoProps, ref);

    const playback = usePrivatePlayback(
      videojs ? videojsTarget : elementTarget,
      resolved.videoSession,
      playbackOptions,
    );
    const error = resolved.error ?? playback.error;
    // Playback reports its own failures; a source that cannot be read never starts playback.
    useOnError(resolved.error, props.onError);
    const errorView =
      error &&
      (renderError ? (
        renderError(error, playback.retry)
      ) : (
        <PrivateVideoErrorMessage
          error={error}
          retry={playback.retry}
          // In the player's place: its size, and the app's class, style and `hidden` (as a style: the alert's
          // `display` would beat the browser's rule for the attribute).
          className={videoProps.className}
          style={{
            width: toCssLength(videoProps.width) ?? '100%',
            height: toCssLength(videoProps.height),
            ...(videoProps.hidden && { display: 'none' }),
            ...videoProps.style,
          }}
          // The focus the player had when it failed, or the one the last alert's "Try again" had:
          autoFocus={
            // the `<video>` React renders, if it still has it (its `hidden` comes with this render; there is
            // none on the server);
            (element && element === document.activeElement) ||
            // video.js's player, which a failure removes first, if it had it (see `mountVideojsElement`);
            (playback.playback?.video as FocusLost | undefined)?.focusLost ||
            // after a retry, the focus its button had, unless the viewer moved it elsewhere meanwhile.
            (playback.retrying && document.activeElement === document.body)
          }
        />
      ));
    // The player stays mounted (hidden) under an error, so a retry reuses it. Hidden by its style too (also when
    // the app hides it): a CSS reset's `video { display: block }` beats the browser's own rule for `hidden`.
    const hidden = !!error || videoProps.hidden;
    const style = hidden ? { ...videoProps.style, display: 'none' } : videoProps.style;
    return (
      <>
        {videojs ? (
          <div
            ref={setContainer}
            className={videoProps.className}
            style={style}
            hidden={hidden}
            data-private-video-player={engine}
          />
        ) : (
          <video
            ref={videoRef}
            {...videoProps}
            style={style}
            hidden={hidden}
            data-private-video-player={engine}
          />
        )}
        {errorView}
      </>
    );
  },
);
