import { describe, expect, it } from 'vitest';
import { toDuration } from './toDuration.js';

describe('toDuration', () => {
  it('keeps a whole positive number of ms', () => {
    expect(toDuration(1, 10_000)).toBe(1);
    expect(toDuration(30_000, 10_000)).toBe(30_000);
  });

  it('means the fallback for none, 0, a negative number or NaN', () => {
    for (const given of [undefined, 0, -1, -Infinity, Number.NaN])
      expect(toDuration(given, 3_000)).toBe(3_000);
  });

  it('means the longest delay timers keep for Infinity or anything longer', () => {
    for (const given of [Infinity, 2 ** 31, 2 ** 32 - 1, 2 ** 32]) {
      expect(toDuration(given, 10_000)).toBe(2 ** 31 - 1);
    }
  });

  it('rounds a fraction of a ms up, since AbortSignal.timeout takes whole ms in Node', () => {
    expect(toDuration(0.5, 10_000)).toBe(1);
    expect(toDuration(1_500.2, 10_000)).toBe(1_501);
  });
});
