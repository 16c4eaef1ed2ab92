/** Reloads for stalls at one place before the source fails: three requests in all, about 9 s without data. */
export const stallReloadLimit = 2;

/** Why a source that stalled past those reloads failed, for its `media` error. */
export const stalledOut = `no data came, ${stallReloadLimit + 1} times in a row`;

/**
 * Counts the reloads of a source that stalls (`stalled`: no data for about 3 s, and no error, which is all a
 * browser says of an answer that never comes; it would wait for good). A source is asked for again at most
 * `stallReloadLimit` times at one place (before anything of it loaded, or a position mid-play), then it fails:
 * a viewer gets an error to retry rather than a spinner for good. Once playback moves past that place, the
 * count starts again, so a long video on a network that drops now and then is never failed for it.
 */
export function countStallReloads() {
  /** The place of the last reload: the position, or -1 before anything loaded. */
  let place: number | undefined;
  let count = 0;
  return {
    /** Whether a stall at `at` (-1: nothing loaded) may be reloaded; `false` once the reloads there are spent. */
    mayReload(at: number): boolean {
      if (place === undefined || at > place) {
        place = at;
        count = 0;
      }
      return count++ < stallReloadLimit;
    },
    /** Another source: its stalls are its own. */
    reset(): void {
      place = undefined;
    },
  };
}
