import { expect } from 'vitest';
import { ApiVideoError } from '../ApiVideoError.js';

/** The `ApiVideoError` a call rejects with; fails the test if it resolves or rejects with anything else. */
export async function apiVideoFailure(promise: Promise<unknown>): Promise<ApiVideoError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiVideoError);
  return error as ApiVideoError;
}
