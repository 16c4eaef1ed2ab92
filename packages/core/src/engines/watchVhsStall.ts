import { bufferedEnd } from '../playback/bufferedEnd.js';
import type { EngineContext } from '../playback/PlaybackEngine.js';
import { engineTimers } from './engineTimers.js';
import { onVhsRequestSent, type WatchedRequest } from './onVhsRequestSent.js';

/**
 * How long VHS may do nothing (no request made or under way, the time still) while the video should play,
 * after a failure, before it is told to go on, and as long again before the engine gives up on it. Longer
 * than VHS's own gaps between requests (appending, a rendition switch: well under a second); short enough
 * that the fallback comes within seconds, as it does after 3 failures.
 */
export const stallTimeout = 2_000;

export interface VhsStallWatchOptions
  extends Pick<EngineContext, 'video' | 'hooks' | 'setTimeout' | 'clearTimeout' | 'renewing'> {
  /** The player's time (video.js's, which may differ from the element's while it seeks). */
  currentTime: () => number;
  /** Whether a request is a subtitle's: VHS drops a failing subtitle track, and the video plays on. */
  isSubtitle: (uri: string) => boolean;
  /** Tells VHS to go on (its excluded renditions back in, its paused loaders going). */
  nudge: () => void;
  /** What the engine does when an asset keeps failing: the controller renews, or falls back. */
  giveUp: (path: string, status: number, reason: string) => void;
}

export interface VhsStallWatch {
  /** A request (not a subtitle's) failed: watching starts, the stall blamed on it. */
  failed(path: string, status: number): void;
  /** Counts the request as in flight until its XHR ends, however it ends. */
  track(options: WatchedRequest): void;
  /** video.js's `timeupdate`: the time moving is a sign of life, and past the failure it ends the watch. */
  timeUpdate(): void;
  /** video.js's `play`, a sign of life: the stall clock starts again. */
  played(): void;
  /** The controller resumed VHS (what a nudge does): a stall from here is a new one. */
  resumed(): void;
  /** A new source (a new VHS), or the engine goes: nothing to watch. */
  stop(): void;
}

/**
 * VHS may give up on a failure without a word: it excludes a rendition and never asks for anything again
 * (an audio segment of fMP4, a variant playlist at a rendition switch), and the video waits for good. After
 * a failure, a stall (see `onStall`) has VHS told to go on once, then the engine gives up.
 */
export function watchVhsStall(options: VhsStallWatchOptions): VhsStallWatch {
  const { video, hooks, currentTime, isSubtitle, nudge, giveUp, renewing = () => false } = options;
  const { setTimer, clearTimer } = engineTimers(options);
  /**
   * The last failure, what a stall is blamed on, until VHS shows it is alive: a request sent after it
   * succeeded (`answered`), and playback went past `mark`, where it and the buffer stood at the failure. From
   * then on, a live stream waiting for its next segment is no stall.
   */
  let lastFailure: { path: string; status: number; mark: number; answered: boolean } | undefined;
  /** Requests sent and not ended: VHS's response hook never hears of those it aborts, their `loadend` does. */
  let inFlight = 0;
  let timer: unknown;
  let nudged = false;
  let lastTime = 0;

  /** Any sign of life (a request sent or ended, the time moving, a play): the stall clock starts again. */
  const restart = () => {
    clearTimer(timer);
    timer = lastFailure === undefined ? undefined : setTimer(onStall, stallTimeout);
  };
  const stop = () => {
    clearTimer(timer);
    timer = lastFailure = undefined;
    nudged = false;
  };
  /**
   * `stallTimeout` without a sign of life. Not a stall: a slow request (its end starts the clock again),
   * a video the viewer paused (its play does), or the controller checking or renewing the session for a
   * refusal (asked again later: its resume sets VHS going, or it found the session alive and leaves the
   * asset to the engine). Before anything loaded, a player that loads nothing is stuck whether or not it
   * was asked to play (autoPlay waits for the metadata).
   */
  const onStall = () => {
    timer = undefined;
    if (lastFailure === undefined || inFlight > 0) return;
    if (!hooks.playing() && video.readyState !== 0) return;
    if (renewing()) {
      restart();
      return;
    }
    if (!nudged) {
      nudged = true; // once per stall: the time moving again ends it
      nudge();
      restart();
      return;
    }
    // Still watching: a controller that joins the renewal a refusal started resumes VHS, and watching goes
    // on from there. Else it falls back (a new source, which stops this) or fails (the engine goes).
    giveUp(lastFailure.path, lastFailure.status, 'VHS stopped loading after it failed');
  };

  return {
    failed(path, status) {
      lastTime = currentTime();
      lastFailure = { path, status, mark: Math.max(lastTime, bufferedEnd(video)), answered: false };
      restart();
    },
    track(request) {
      onVhsRequestSent(request, (xhr) => {
        const sentAfter = lastFailure;
        inFlight += 1;
        xhr.addEventListener(
          'loadend',
          () => {
            inFlight -= 1;
            // Not one sent before the failure: what it loads may extend the buffer of a VHS stuck since.
            const ok = xhr.status >= 200 && xhr.status < 400;
            if (ok && sentAfter !== undefined && sentAfter === lastFailure && !isSubtitle(request.uri))
              sentAfter.answered = true;
            restart();
          },
          { once: true },
        );
        restart();
      });
    },
    played: restart,
    resumed() {
      nudged = false;
      restart();
    },
    timeUpdate() {
      const time = currentTime();
      if (time === lastTime) return;
      lastTime = time;
      if (lastFailure?.answered && time > lastFailure.mark && !video.seeking) stop();
      nudged = false;
      restart();
    },
    stop,
  };
}
