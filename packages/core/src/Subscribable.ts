/** The smallest observable: a set of listeners. */
export class Subscribable<TListener extends (...args: never[]) => void> {
  protected readonly listeners = new Set<TListener>();

  subscribe(listener: TListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  hasListeners(): boolean {
    return this.listeners.size > 0;
  }
}
