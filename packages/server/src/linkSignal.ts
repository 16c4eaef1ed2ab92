/** A signal that follows another until `unlink()`; see `linkSignal`. */
export interface LinkedSignal {
  readonly signal: AbortSignal | undefined;
  unlink(): void;
}

/**
 * A signal of one call that aborts, with the same reason, when the caller's `signal` does, until the
 * call ends and unlinks it. Each request attempt then combines this short-lived signal with its timeout:
 * Node 20 keeps every signal derived from a source through `AbortSignal.any` until that source aborts, so
 * combining the caller's signal itself would leak with every call when the caller keeps one signal alive
 * (e.g. a server's shutdown signal).
 */
export function linkSignal(signal: AbortSignal | null | undefined): LinkedSignal {
  // `null` too, as `fetch` takes it (plain JS passes it).
  if (!signal || signal.aborted) return { signal: signal ?? undefined, unlink: () => {} };
  const controller = new AbortController();
  const follow = () => controller.abort(signal.reason);
  signal.addEventListener('abort', follow, { once: true });
  return { signal: controller.signal, unlink: () => signal.removeEventListener('abort', follow) };
}
