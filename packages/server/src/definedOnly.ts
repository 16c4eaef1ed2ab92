/**
 * The entries of `options` that are not `undefined`, for spreading over defaults: `{ ...defaults,
 * ...{ retries: undefined } }` would replace a default with `undefined`, and `attempt >= undefined` never
 * stops retrying. Optional fields accept `undefined` (the package does not use exactOptionalPropertyTypes).
 */
export function definedOnly<T extends object>(options: T | undefined): Partial<T> {
  if (options === undefined) return {};
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
