// The consumer smoke test's failures: ones it explains itself, printed without a stack.

export class SmokeFailure extends Error {}

/** Fails the smoke test with `message` unless `ok`. */
export function check(ok, message) {
  if (!ok) throw new SmokeFailure(message);
}
