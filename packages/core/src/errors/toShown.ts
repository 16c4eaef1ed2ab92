/**
 * A bad input as an error message shows it: a string quoted, an object or function by its type only
 * (`JSON.stringify` throws on a cycle or a `BigInt`, and a function's text is no help), any other primitive
 * as text.
 */
export function toShown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  return Object(value) === value ? `(${typeof value})` : String(value);
}
