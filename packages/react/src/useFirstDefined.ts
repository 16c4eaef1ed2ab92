'use client';
import { useState } from 'react';

/**
 * The first defined value seen since `resetKey` last changed, among those `keep` allows. A renewal signs
 * the thumbnail anew; the poster need not follow it: the browser already has the first one, a new URL
 * would only download it again.
 */
export function useFirstDefined<T>(value: T | undefined, resetKey: string, keep: boolean): T | undefined {
  const [kept, setKept] = useState<{ key: string; value: T }>();
  if (kept?.key === resetKey) return kept.value;
  // Setting state while rendering is React's documented way to derive state from props.
  if (value !== undefined && keep) setKept({ key: resetKey, value });
  return value;
}
