'use client';
import {
  createPrivatePlayback,
  createRetry,
  type EngineEvent,
  type FallbackEvent,
  mountTarget,
  type PlaybackState,
  type PlaybackTarget,
  type PrivatePlayback,
  type PrivatePlaybackOptions,
  type PrivateVideoError,
  type SessionRenewedEvent,
  type VideoSession,
  type ViewerState,
} from '@private-video/core';
import { useContext, useEffect, useRef, useState } from 'react';
import { focusVideo } from './focusVideo.js';
import { PrivateVideoContext } from './PrivateVideoContext.js';
import { useLatest } from './useLatest.js';

/** The player's event props: each is called with the controller's event of that name. */
export interface PlaybackCallbacks {
  onStateChange?: ((state: PlaybackState) => void) | undefined;
  onFallback?: ((event: FallbackEvent) => void) | undefined;
  /** Called once per failure; without it, the failure goes to `console.error`. */
  onError?: ((error: PrivateVideoError) => void) | undefined;
  onSessionRenewed?: ((event: SessionRenewedEvent) => void) | undefined;
  /** hls.js's `Hls` or video.js's player, as the controller creates it: see core's `EngineEvent`. */
  onEngine?: ((event: EngineEvent) => void) | undefined;
}

/**
 * Read when a player starts (but `getPrivateToken`: the latest, when a renewal is due); changing `engine`,
 * `fallback` or the video starts it again. A retry's start gives back the viewer's state itself (`viewer`).
 */
export type UsePrivatePlaybackOptions = Omit<PrivatePlaybackOptions, 'client' | 'session' | 'viewer'> &
  PlaybackCallbacks;

/** What `usePrivatePlayback` returns. */
export interface PrivatePlaybackResult {
  state: PlaybackState;
  error: PrivateVideoError | undefined;
  /** Starts over (after a renewal when the token is spent); `undefined` when that cannot help. */
  retry: (() => void) | undefined;
  /** The controller, once started. */
  playback: PrivatePlayback | undefined;
  /**
   * From the start a `retry` makes until its video is back or it fails: the error UI of such a failure
   * should take the focus, which the previous one's "Try again" took with it, if it is still on the page
   * (`document.body`): not when the viewer has moved it elsewhere meanwhile.
   */
  retrying: boolean;
}

/** A start of one video; a retry's is a new one, which gives back what the viewer had when it failed. */
interface Attempt {
  videoSession?: VideoSession;
  viewer?: ViewerState | undefined;
}

interface Status {
  playback?: PrivatePlayback | undefined;
  state: PlaybackState;
  error?: PrivateVideoError | undefined;
  /**
   * What the start this status comes from was made with (target, video, engine, fallback, retry…): a status of
   * another start is stale.
   */
  start?: readonly unknown[] | undefined;
}

const idle: Status = { state: 'idle' };

/**
 * Runs core's playback controller for one video in the target's `<video>`, for as long as the component
 * is mounted, and reports its state.
 */
export function usePrivatePlayback(
  target: PlaybackTarget | null,
  videoSession: VideoSession | undefined,
  options: UsePrivatePlaybackOptions = {},
): PrivatePlaybackResult {
  const context = useContext(PrivateVideoContext);
  const engine = options.engine ?? context?.engine;
  const fallback = options.fallback ?? context?.fallback;
  const create = context?.createPlayback ?? createPrivatePlayback;
  const latest = useLatest(options);
  const [status, setStatus] = useState(idle);
  // A new object starts over (see `retry`), where the last attempt of that same video stopped.
  const [attempt, setAttempt] = useState<Attempt>({});
  // Only for that video: a renewing retry that ends after another video came must not restart that one. And
  // forgotten once another video comes: that video given again later starts at its own `startTime`.
  const retried = attempt.videoSession === videoSession ? attempt : undefined;
  if (attempt.videoSession && !retried) setAttempt({});
  // The effect's dependencies: each change starts playback over.
  const start = [target, videoSession, create, engine, fallback, retried] as const;
  // The retry whose viewer a controller was given: only its own start gives it back. One made later for another
  // engine, target or `fallback` starts as any start does, not back where that failure was.
  const resumed = useRef<Attempt>(undefined);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `retried` is how `retry` starts over.
  useEffect(() => {
    if (!target || !videoSession) return;
    let playback: PrivatePlayback | undefined;
    const report = (state: PlaybackState, error?: PrivateVideoError) =>
      setStatus((previous) => ({
        playback,
        state,
        error: error ?? (state === 'error' ? previous.error : undefined),
        start,
      }));
    const handleState = (state: PlaybackState) => {
      report(state);
      latest.current.onStateChange?.(state);
    };
    const handleError = (error: PrivateVideoError) => {
      report('error', error);
      // Without `onError`, to the console: the viewer reads what the player shows, the developer the cause.
      (latest.current.onError ?? console.error)(error);
    };
    const unmount = mountTarget(
      target,
      (video) => {
        // The callbacks go along unread: the controller reports through its events, which call the latest ones.
        // The session itself, not its reference: the controller must not ask another client for the video. A
        // retry's gives back what the viewer had: video.js makes a new `<video>`, with the props' `muted`.
        playback = create(video, videoSession, {
          ...latest.current,
          viewer: resumed.current === retried ? undefined : retried?.viewer,
          engine,
          fallback,
          // Read when a renewal is due: the latest render's (one given after start renews, one taken away no
          // longer does), as for the retry's.
          get getPrivateToken() {
            return latest.current.getPrivateToken;
          },
        });
        resumed.current = retried;
        playback.on('state', handleState);
        playback.on('error', handleError);
        playback.on('fallback', (event) => latest.current.onFallback?.(event));
        playback.on('sessionrenewed', (event) => latest.current.onSessionRenewed?.(event));
        playback.on('engine', (event) => latest.current.onEngine?.(event));
        // A source set where nothing loads yet (`preload="none"`) changes no state: a render for it lets the
        // focus effect below see that an engine has the video.
        playback.on('source', () => report(playback!.getState()));
        // The controller's first state was set in its constructor, before anyone could listen. Last: should the
        // app's `onStateChange` throw, the controller is set up all the same.
        handleState(playback.getState());
      },
      handleError,
    );
    return () => {
      playback?.destroy();
      unmount();
      setStatus(idle);
    };
  }, [target, videoSession, create, engine, fallback, retried]);

  // Until the effect for another video (or engine, target, retry…) has run, the status is the last start's: its
  // error, retry and controller must not show for this one.
  const current = status.start?.every((dependency, index) => dependency === start[index]) ? status : idle;
  const { state, error, playback } = current;
  // A retry's button goes with the error: focus goes to the video it brings back (or to the next error's UI,
  // see `retrying`), not to the page; unless the viewer moved it elsewhere meanwhile (it is not on the page
  // then). Once an engine has that video: video.js moves it into its wrapper, which would drop the focus
  // again. Known by the retry's own start, not by the error it retried: a "Try again" rendered for an
  // earlier error may be clicked after the next one came, before React showed it.
  const focused = useRef<Attempt>(undefined);
  const retrying = !!retried && current !== idle && focused.current !== retried;
  useEffect(() => {
    if (retrying && (error || playback?.getSource())) {
      focused.current = retried;
      if (!error && document.activeElement === document.body) focusVideo(playback!.video);
    }
  });
  // Whoever can renew (these options, the provider's or the given client's `getPrivateToken`) makes a
  // spent token worth a retry. It gives back what the viewer had as it failed. (An error comes from a session.)
  const retry =
    error &&
    createRetry(
      error,
      videoSession!,
      options.getPrivateToken,
      () => latest.current.getPrivateToken,
      () => setAttempt({ videoSession, viewer: playback?.getViewerState() }),
    );
  return { state, error, retry, playback, retrying };
}
