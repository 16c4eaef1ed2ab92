import type { PlayerReport } from './usePlayerReport';

/**
 * One line under a player: its state and what happened to it (fallback, renewals, error). A polite status
 * region: it changes a handful of times per story (playing, the fallback, each renewal), which is what a
 * screen reader user would otherwise not learn without watching the video.
 */
export function PlayerStatus({ report }: { report: PlayerReport }) {
  const { state, fallback, renewals, error } = report;
  return (
    <p className="pv-status-line" data-player-state={state} role="status">
      <span className={`pv-pill pv-pill--${state}`}>{state}</span>
      {fallback && (
        <span>
          HLS → mp4 at {fallback.position.toFixed(1)} s <small>({fallback.reason.code})</small>
        </span>
      )}
      {renewals > 0 && (
        <span>
          session renewed {renewals} time{renewals > 1 ? 's' : ''}
        </span>
      )}
      {error && <span className="pv-status-line__error">{error.code}</span>}
    </p>
  );
}
