import type { ForwardedRef, RefCallback } from 'react';

/**
 * Gives `value` to a forwarded ref, and returns what a callback ref returned: React 19 calls that cleanup
 * (instead of the ref with `null`) when it is one, so a ref callback of ours returns it in turn.
 */
export function setRef<T>(ref: ForwardedRef<T>, value: T | null): ReturnType<RefCallback<T>> {
  if (typeof ref === 'function') return ref(value);
  if (ref) ref.current = value;
}
