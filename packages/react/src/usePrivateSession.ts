'use client';
import {
  type PrivateVideoError,
  type Session,
  type SessionStatus,
  signUrl,
  type VideoRef,
  type VideoSession,
  type VideoSource,
} from '@private-video/core';
import { useCallback, useEffect } from 'react';
import { noop } from './noop.js';
import { toSourceKey } from './toVideoSource.js';
import { type ResolvedVideo, type UseVideoSessionOptions, useVideoSession } from './useVideoSession.js';

/** Options of `usePrivateSession` and `usePrivateAssets`. */
export interface UsePrivateSessionOptions extends UseVideoSessionOptions {
  /** `false` watches the session without opening it (e.g. until the video nears the viewport). */
  enabled?: boolean | undefined;
}

/**
 * What `usePrivateSession` returns. Every field is there in every status, and narrowing on `status` narrows the
 * others as far as the session guarantees them:
 * - `public` (no session needed), `idle` and `opening`: no `session` (once the video has had one, opening again
 *   shows `renewing`), no `error`;
 * - `open`: a `session`, no `error`;
 * - `renewing`: the session being renewed, if there was one (a renewal also starts without: never opened, or
 *   failed), no `error`;
 * - `error`: an `error`, no `session`; and no `ref` nor `videoSession` for a source that could not be read (code
 *   `invalid-source`). Every other status has both.
 */
export type PrivateSessionResult =
  | PrivateSessionResultOf<'public' | 'idle' | 'opening', undefined, undefined>
  | PrivateSessionResultOf<'open', Session, undefined>
  | PrivateSessionResultOf<'renewing', Session | undefined, undefined>
  | PrivateSessionResultOf<'error', undefined, PrivateVideoError>
  | PrivateSessionResultOf<'error', undefined, PrivateVideoError, undefined, undefined>;

/** The fields of `PrivateSessionResult` in one (or more) of its statuses. */
interface PrivateSessionResultOf<
  Status extends SessionStatus,
  SessionIn extends Session | undefined,
  ErrorIn extends PrivateVideoError | undefined,
  RefIn extends VideoRef | undefined = VideoRef,
  VideoSessionIn extends VideoSession | undefined = VideoSession,
> {
  /** `error` also covers a source that could not be read (code `invalid-source`). Narrows the other fields. */
  status: Status;
  /** There once `open`; while `renewing`, the session being renewed if there was one; else `undefined`. */
  session: SessionIn;
  /** Why it failed: there exactly when `status` is `error`. */
  error: ErrorIn;
  /**
   * The current reference (after a renewal it carries the new private token); `undefined` for a source that could
   * not be read.
   */
  ref: RefIn;
  /** Adds `avh` to URLs of this video; other URLs come back unchanged. Stable while the session is. */
  sign: (url: string) => string;
  /** Core's shared session object (open, renew, subscribe…); `undefined` for an unreadable source. */
  videoSession: VideoSessionIn;
}

/**
 * The session of one private video, shared with every thumbnail, player and hook of the same video and
 * private token (or of the same video, while its session lives: see core's `servingVideo`): it opens it once
 * (in an effect, so server and hydration renders stay idle).
 */
export function usePrivateSession(
  source: VideoSource,
  options: UsePrivateSessionOptions = {},
): PrivateSessionResult {
  const { videoSession, error, state, ref: given } = useOpenedVideoSession(source, options);
  const { ref, session } = state ?? {};
  // Signs with the snapshot (as rendered), and still signs URLs of the tokens given before a renewal, and of the
  // source's own token where the session is on another (`servingVideo`): those move onto the session's token path.
  // (A snapshot comes from a session, and has a reference.)
  const sign = useCallback(
    (url: string) =>
      session
        ? signUrl(url, {
            ref: ref!,
            sessionToken: session.token,
            previousTokens: [...videoSession!.previousTokens, given!.privateToken!],
          })
        : url,
    [ref, session, videoSession, given],
  );
  return {
    status: state?.status ?? 'error',
    session,
    error: state?.error ?? error,
    ref,
    sign,
    videoSession,
  } as PrivateSessionResult;
}

/** The session of a video given to a hook, opened once `enabled` (default `true`). */
export function useOpenedVideoSession(source: VideoSource, options: UsePrivateSessionOptions): ResolvedVideo {
  const resolved = useVideoSession(() => source, toSourceKey(source), options);
  useOpenSession(resolved.videoSession, options.enabled ?? true, resolved.expired);
  return resolved;
}

/**
 * Opens the session once enabled, and again once the session shown has `expired` by the clock (a page left open
 * past its life, rendered again): that open renews it, where what shows the assets would otherwise wait for
 * good. Core shares the request, so StrictMode's second effect just joins it. An element enables it while it is
 * in the document: the placeholder that came near the viewport, but not the one of the previous video, which the
 * render that brings a new video still has and its commit removes.
 */
export function useOpenSession(
  videoSession: VideoSession | undefined,
  enabled: boolean | Element | null,
  expired?: boolean,
): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: `expired` is when to open again, not a value read.
  useEffect(() => {
    // Failures are recorded in the session's state, which the component renders.
    if ((enabled as Element | null)?.isConnected ?? enabled) videoSession?.open().catch(noop);
  }, [videoSession, enabled, expired]);
}
