/**
 * A bad input as an error message shows it: a string quoted, an object or function by its type only
 * (`JSON.stringify` throws on a cycle or a `BigInt`, and a function's text is no help), any other primitive
 * as text. A string's private or session token is left out: an asset URL given as an id or a domain carries
 * one that may be unspent, and messages reach consoles and error trackers.
 */
export function toShown(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.replace(/(token[/=]|private\/|avh=)[^/?&#]+/g, '$1…'));
  return Object(value) === value ? `(${typeof value})` : String(value);
}
