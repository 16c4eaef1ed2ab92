import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * One request's waits and hang, ended by the `reset()` or `close()` that follows its arrival (the
 * `released` signal of `HeldRequests`): the connection is then dropped and nothing may run for it.
 */
export class RequestHold {
  readonly #released: AbortSignal;
  readonly #res: ServerResponse;

  constructor(released: AbortSignal, res: ServerResponse) {
    this.#released = released;
    this.#res = res;
  }

  /** Waits `ms` (not at all for 0), less if released meanwhile: ask `released()` before going on. */
  async wait(ms: number): Promise<void> {
    if (ms <= 0 || this.#released.aborted) return;
    try {
      await delay(ms, undefined, { signal: this.#released });
    } catch (error) {
      if (!this.#released.aborted) throw error;
    }
  }

  /**
   * Whether a reset or close came since the request arrived; if so its connection is dropped. Ask right
   * before acting, after every await: a rule run now would spend tokens and log into the next state.
   */
  released(): boolean {
    if (!this.#released.aborted) return false;
    this.#res.destroy();
    return true;
  }

  /**
   * From now until the returned stop, a reset or close destroys the connection at once: a handler awaiting a
   * body still arriving would otherwise wait for all of it first.
   */
  dropOnRelease(): () => void {
    const drop = () => this.#res.destroy();
    this.#released.addEventListener('abort', drop, { once: true });
    return () => this.#released.removeEventListener('abort', drop);
  }

  /** Never answers. `onEnd` runs once: when the client leaves, or when a reset or close drops it. */
  hang(onEnd: () => void): void {
    const end = () => {
      this.#res.off('close', end);
      this.#released.removeEventListener('abort', drop);
      onEnd();
    };
    const drop = () => {
      end();
      this.#res.destroy();
    };
    // The client may have left while the request was decided: no 'close' would come any more.
    if (this.#res.destroyed) {
      end();
      return;
    }
    this.#res.on('close', end);
    this.#released.addEventListener('abort', drop, { once: true });
  }
}
