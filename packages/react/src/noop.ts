/** Does nothing: an unsubscribe with nothing to undo, or a `catch` for failures the state already records. */
export const noop = (): void => {};
