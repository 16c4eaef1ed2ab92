import { describe, expect, it } from 'vitest';
import { withoutAvh } from './authStatuses.js';

describe('withoutAvh', () => {
  it.each([
    ['https://v/x.ts?avh=st-1', 'https://v/x.ts'],
    ['https://v/x.ts?avh=st-1&a=1', 'https://v/x.ts?a=1'],
    ['https://v/x.ts?a=1&avh=st-1', 'https://v/x.ts?a=1'],
    ['https://v/x.ts?a=1&avh=st-1&b=2', 'https://v/x.ts?a=1&b=2'],
    ['https://v/x.ts?avh=st-1#t=2', 'https://v/x.ts#t=2'],
    ['https://v/x.ts?avh=a&avh=b', 'https://v/x.ts'],
    ['https://v/x.ts', 'https://v/x.ts'],
  ])('removes the token from the URL %s', (url, expected) => {
    expect(withoutAvh(url)).toBe(expected);
  });

  it('removes every token from a message and keeps the words around them', () => {
    const message =
      'HLS playlist request error at URL: https://v/a.m3u8?avh=st-1. Then https://v/b.ts?avh=st-2 too';
    expect(withoutAvh(message)).toBe(
      'HLS playlist request error at URL: https://v/a.m3u8 Then https://v/b.ts too',
    );
  });
});
