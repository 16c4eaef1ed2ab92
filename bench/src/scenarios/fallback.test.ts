import { describe, expect, it } from 'vitest';
import { mp4Signed } from './fallback';

describe('mp4Signed', () => {
  it('passes a run whose every mp4 request carried avh', () => {
    expect(mp4Signed({ mp4Requests: 1, mp4Unsigned: 0 })).toBe(true);
    expect(mp4Signed({ mp4Requests: 4, mp4Unsigned: 0 })).toBe(true);
  });

  it('fails a run with an mp4 request without avh', () => {
    expect(mp4Signed({ mp4Requests: 3, mp4Unsigned: 1 })).toBe(false);
  });

  it('fails a run that requested no mp4: it checked nothing', () => {
    expect(mp4Signed({ mp4Requests: 0, mp4Unsigned: 0 })).toBe(false);
  });
});
