type Listener<TEvent> = (event: TEvent) => void;

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

  emit<TType extends keyof TEvents>(type: TType, event: TEvents[TType]): void {
    for (const listener of [...(this.#listeners.get(type) ?? [])])
      (listener as Listener<TEvents[TType]>)(event);
  }

  listenerCount(): number {
    let count = 0;
    for (const set of this.#listeners.values()) count += set.size;
    return count;
  }

  clear(): void {
    this.#listeners.clear();
  }
}
