import { describe, expect, it } from 'vitest';
import { toMaxBodySize } from './toMaxBodySize.js';

describe('toMaxBodySize', () => {
  it('keeps a number from 0 up as given', () => {
    expect([toMaxBodySize(0), toMaxBodySize(10), toMaxBodySize(1_000_000)]).toEqual([0, 10, 1_000_000]);
  });

  it('is 16 KiB when missing, NaN or negative', () => {
    expect([toMaxBodySize(undefined), toMaxBodySize(Number.NaN), toMaxBodySize(-1)]).toEqual([
      16_384, 16_384, 16_384,
    ]);
  });
});
