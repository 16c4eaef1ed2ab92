import { describe, expect, it } from 'vitest';
import { toTimeout } from './toTimeout.js';

describe('toTimeout', () => {
  it('keeps a whole positive number of ms', () => {
    expect(toTimeout(1)).toBe(1);
    expect(toTimeout(30_000)).toBe(30_000);
  });

  it('means the default 10 s for none, 0, a negative number or NaN', () => {
    for (const given of [undefined, 0, -1, -Infinity, Number.NaN]) expect(toTimeout(given)).toBe(10_000);
  });

  it('means the longest delay timers keep for Infinity or anything longer', () => {
    for (const given of [Infinity, 2 ** 31, 2 ** 32 - 1, 2 ** 32]) expect(toTimeout(given)).toBe(2 ** 31 - 1);
  });

  it('rounds a fraction of a ms up, since AbortSignal.timeout takes whole ms', () => {
    expect(toTimeout(0.5)).toBe(1);
    expect(toTimeout(1_500.2)).toBe(1_501);
  });
});
