/** The median, or NaN for no samples (printed as "n/a", never as a made-up number). */
export function median(values: readonly number[]): number {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function min(values: readonly number[]): number {
  const finite = values.filter((value) => Number.isFinite(value));
  return finite.length ? Math.min(...finite) : Number.NaN;
}

export function max(values: readonly number[]): number {
  const finite = values.filter((value) => Number.isFinite(value));
  return finite.length ? Math.max(...finite) : Number.NaN;
}

/** `b - a` when both happened, NaN otherwise. */
export function between(a: number | undefined, b: number | undefined): number {
  return a === undefined || b === undefined ? Number.NaN : b - a;
}
