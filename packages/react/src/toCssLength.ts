/**
 * A `width` or `height` prop as CSS: a string of digits (`"320"`, as an HTML attribute reads it) is pixels; as a
 * CSS length it would be invalid, and dropped.
 */
export function toCssLength(value: number | string | undefined): number | string | undefined {
  // (A number is pixels already: its string is the same length.) Every number is `>= -Infinity`, `NaN` (of
  // `'auto'`, `'50%'`…) is not.
  return value && +value >= -Infinity ? `${value}px` : value;
}
