type Listener<TEvent> = (event: TEvent) => void;

/** Tells the page of an error (its `error` event, the console) without throwing it here. */
export const report = (error: unknown): void => {
  if (typeof reportError === 'function') reportError(error);
  else
    queueMicrotask(() => {
      throw error;
    });
};

/** Typed events with per-type listener sets; `clear()` drops them all at teardown. */
export class Emitter<TEvents extends object> {
  readonly #listeners = new Map<keyof TEvents, Set<Listener<never>>>();

  on<TType extends keyof TEvents>(type: TType, listener: Listener<TEvents[TType]>): () => void {
    let set = this.#listeners.get(type);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(type, set);
    }
    set.add(listener as Listener<never>);
    return () => {
      set.delete(listener as Listener<never>);
    };
  }

  /**
   * As the DOM does for its own listeners: one that throws is reported (the page's `error` event, the
   * console) and stops neither the other listeners nor the work that emitted, which would otherwise fail
   * with the app's bug, or reject unhandled.
   */
  emit<TType extends keyof TEvents>(type: TType, event: TEvents[TType]): void {
    const set = this.#listeners.get(type);
    for (const listener of [...(set ?? [])]) {
      // As the DOM does: one removed meanwhile (`off`, `clear()` at a listener's destroy()) hears it no more.
      if (!set!.has(listener)) continue;
      try {
        (listener as Listener<TEvents[TType]>)(event);
      } catch (error) {
        report(error);
      }
    }
  }

  listenerCount(): number {
    let count = 0;
    for (const set of this.#listeners.values()) count += set.size;
    return count;
  }

  clear(): void {
    for (const set of this.#listeners.values()) set.clear();
  }
}
