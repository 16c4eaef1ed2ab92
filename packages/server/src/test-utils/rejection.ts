import { expect } from 'vitest';

/** Rejects with the reason, as soon as it is known; fails the test if `promise` fulfils. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (reason: unknown) => reason,
  );
}
