import { setMaxListeners } from 'node:events';

/**
 * Ends what the emulator holds back (requests waiting out the latency or a fault's delay, hung requests)
 * at `reset()` and `close()`: a request from before a reset must never answer into the state after it.
 */
export class HeldRequests {
  #current = HeldRequests.#controller();
  #closed = false;

  /** For a request arriving now: aborted by the next `reset()` or by `close()`. */
  get signal(): AbortSignal {
    return this.#current.signal;
  }

  /** `reset()`: drops every request held now; later ones get a fresh signal. */
  releaseAll(): void {
    this.#current.abort();
    // After close, stay aborted: nothing may be held by a closed emulator.
    if (!this.#closed) this.#current = HeldRequests.#controller();
  }

  /** `close()`: drops every request held now, and any that would come later. */
  close(): void {
    this.#closed = true;
    this.#current.abort();
  }

  static #controller(): AbortController {
    const controller = new AbortController();
    // One listener per held request: hundreds at once are a busy player, not a leak worth a warning.
    setMaxListeners(0, controller.signal);
    return controller;
  }
}
