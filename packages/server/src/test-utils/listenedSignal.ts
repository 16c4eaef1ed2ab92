/**
 * A signal the caller keeps (e.g. a server's shutdown signal), and the abort listeners on it right now:
 * each call must remove what it added, or they pile up for as long as the signal lives.
 */
export function listenedSignal() {
  const signal = new AbortController().signal;
  const listening = new Set<unknown>();
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((type: string, listener: EventListener, options?: AddEventListenerOptions) => {
    listening.add(listener);
    add(type, listener, options);
  }) as typeof signal.addEventListener;
  signal.removeEventListener = ((type: string, listener: EventListener) => {
    listening.delete(listener);
    remove(type, listener);
  }) as typeof signal.removeEventListener;
  return { signal, listening };
}
