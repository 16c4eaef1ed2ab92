import { describe, expect, it } from 'vitest';
import { answerTimeout } from './answerTimeout.js';

describe('answerTimeout', () => {
  it("is the app's, or 10 s without one", () => {
    expect(answerTimeout({ answerTimeout: 2_500 })).toBe(2_500);
    expect(answerTimeout({ answerTimeout: 60_000 })).toBe(60_000);
    expect(answerTimeout({})).toBe(10_000);
  });

  it('is 10 s for what is not a positive number of ms, which would fail every request at once', () => {
    for (const given of [0, -1, Number.NaN]) expect(answerTimeout({ answerTimeout: given })).toBe(10_000);
  });

  it('is the longest delay timers keep for Infinity, which a timer would take for 0', () => {
    expect(answerTimeout({ answerTimeout: Number.POSITIVE_INFINITY })).toBe(2 ** 31 - 1);
  });
});
