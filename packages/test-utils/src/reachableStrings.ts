/**
 * Every string reachable from `value` (own properties, `cause` included): what a logger or an error
 * reporter could print, so a test can check that none of them holds a secret.
 */
export function reachableStrings(value: unknown, seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null || seen.has(value)) return [];
  seen.add(value);
  const keys = [...Object.getOwnPropertyNames(value), 'cause'];
  return keys.flatMap((key) => reachableStrings((value as Record<string, unknown>)[key], seen));
}
