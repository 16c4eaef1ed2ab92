/** Splits props in two: the listed keys, and the rest (e.g. what goes on the `<video>`). */
export function splitProps<TProps extends object, TKey extends keyof TProps>(
  props: TProps,
  keys: readonly TKey[],
): [Pick<TProps, TKey>, Omit<TProps, TKey>] {
  const picked: Partial<TProps> = {};
  const rest: Partial<TProps> = { ...props };
  for (const key of keys) {
    if (key in props) picked[key] = props[key];
    delete rest[key];
  }
  return [picked as Pick<TProps, TKey>, rest as Omit<TProps, TKey>];
}
