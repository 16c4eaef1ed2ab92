import type { EngineContext } from '../playback/PlaybackEngine.js';
import { engineTimers } from './engineTimers.js';

/**
 * How often a hold asks whether the controller still renews the session: should it end without resuming
 * the engine, VHS waits this long at most before it goes on by itself.
 */
export const holdCheckInterval = 250;

type VhsPlaylistLoader = { media?: () => { endList?: boolean } | undefined; load?: () => void };

/** What of VHS's playlist controller (`tech.vhs.playlistController_`) a hold uses: internals, read defensively. */
export type VhsLoaders = {
  /** Aborts and pauses every playlist and segment loader (VHS's own, used when it errors). */
  pauseLoading?: () => void;
  mainPlaylistLoader_?: VhsPlaylistLoader;
  mediaTypes_?: Record<string, { activePlaylistLoader?: VhsPlaylistLoader | null } | undefined>;
};

export interface VhsLoadingHoldOptions
  extends Pick<EngineContext, 'setTimeout' | 'clearTimeout' | 'renewingSession'> {
  /** The current VHS's playlist controller, if any. */
  loaders: () => VhsLoaders | undefined;
  /** Sets VHS's segment loaders going again (after a hold the controller ended without a resume). */
  goOn: () => void;
}

export interface VhsLoadingHold {
  /** An asset (not a subtitle) was refused: while the controller renews the dead session, VHS stops loading. */
  refused(): void;
  /** Lets the playlists load again (the caller sets the segment loaders going): at a resume, a nudge. */
  release(): void;
  /** A new source (a new VHS), or the engine goes: nothing to hold or let go. */
  stop(): void;
}

/**
 * On a dead session VHS excludes the refused rendition, switches to another, re-admits them all once all
 * are excluded, and so on: dozens of refused requests a second for as long as the renewal takes. Once it
 * has dealt with a refusal met while the controller renews the session, its loaders are paused (VHS's
 * own `pauseLoading`) until the controller resumes the engine, or is done without resuming it. Not while
 * the controller only checks the session: the refusal may be a missing asset, which VHS gets past by
 * switching to another rendition (a pause would have it ask the refused one again). Should VHS's
 * internals change shape, nothing is held, and VHS goes on refused as before.
 */
export function holdVhsLoading(options: VhsLoadingHoldOptions): VhsLoadingHold {
  const { loaders, goOn, renewingSession = () => false } = options;
  const { setTimer, clearTimer } = engineTimers(options);
  /** The controller held, until released. */
  let held: VhsLoaders | undefined;
  let timer: unknown;
  /** Counts `stop()`s: a hold due after one is about a VHS, or an engine, gone since. */
  let generation = 0;

  const stop = () => {
    generation += 1;
    clearTimer(timer);
    timer = held = undefined;
  };
  const release = () => {
    const controller = held;
    stop();
    if (controller !== undefined) reloadPlaylists(controller);
  };
  /** The controller is done without a resume (the session was alive, or may not be renewed again). */
  const watch = () => {
    timer = setTimer(() => {
      timer = undefined;
      if (held === undefined) return;
      if (renewingSession()) return watch();
      release();
      goOn();
    }, holdCheckInterval);
  };
  const hold = () => {
    const controller = loaders();
    if (!renewingSession() || typeof controller?.pauseLoading !== 'function') return;
    // Before its first media playlist VHS is still choosing one: left to it (and to a resume's new source).
    if (controller.mainPlaylistLoader_?.media?.() === undefined) return;
    controller.pauseLoading();
    held = controller;
    if (timer === undefined) watch();
  };

  return {
    refused() {
      if (!renewingSession()) return;
      // Response hooks run before VHS reads the answer: held once its exclusion and switch are done (they
      // are synchronous; the segment loader it restarts asks on a timer), and whatever they started aborted.
      const due = generation;
      queueMicrotask(() => {
        if (due === generation) hold();
      });
    },
    release,
    stop,
  };
}

/**
 * `pauseLoading` stops the playlist refresh of a live stream, and a playlist it aborted before its first
 * load never starts again: those load again. A VOD playlist loaded already needs nothing.
 */
function reloadPlaylists(controller: VhsLoaders): void {
  const groups = Object.values(controller.mediaTypes_ ?? {}).map((type) => type?.activePlaylistLoader);
  for (const loader of [controller.mainPlaylistLoader_, ...groups]) {
    if (typeof loader?.load !== 'function') continue;
    const media = loader.media?.();
    if (media === undefined || media.endList !== true) loader.load();
  }
}
