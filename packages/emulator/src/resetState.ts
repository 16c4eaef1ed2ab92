import type { EmulatorState } from './emulatorState.js';

/** Back to a fresh start: no held request, log, faults, latency, tokens, sessions or API tokens. */
export function resetState(state: EmulatorState): void {
  // First: a hung request logs its end as it is dropped, and that entry belongs to the state being cleared.
  state.held.releaseAll();
  state.log.clear();
  state.faults.clear();
  state.latencyMs = 0;
  state.tokens.clear();
  state.auth.clear();
}
