import type { EmulatorState } from './emulatorState.js';

/** Back to a fresh start: no log, faults, latency, tokens, sessions or API tokens. */
export function resetState(state: EmulatorState): void {
  state.log.clear();
  state.faults.clear();
  state.latencyMs = 0;
  state.tokens.clear();
  state.auth.clear();
}
