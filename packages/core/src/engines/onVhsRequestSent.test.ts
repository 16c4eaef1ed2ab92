import { describe, expect, it } from 'vitest';
import { onVhsRequestSent, type WatchedRequest } from './onVhsRequestSent.js';

describe('onVhsRequestSent', () => {
  it("calls the request's own beforeSend, then the listener, with the XHR as it is sent", () => {
    const calls: string[] = [];
    const xhr = {} as XMLHttpRequest;
    const request: WatchedRequest = {
      uri: 'https://vod.example/seg.ts',
      beforeSend: (sent) => calls.push(`own ${sent === xhr}`),
    };
    onVhsRequestSent(request, (sent) => calls.push(`listener ${sent === xhr}`));
    request.beforeSend?.(xhr);
    expect(calls).toEqual(['own true', 'listener true']);
  });

  it('gives the request its own beforeSend back once sent, so that it no longer holds the listener', () => {
    const own = () => {};
    const withOwn: WatchedRequest = { uri: 'https://vod.example/a.ts', beforeSend: own };
    const without: WatchedRequest = { uri: 'https://vod.example/b.ts' };
    for (const request of [withOwn, without]) {
      onVhsRequestSent(request, () => {});
      request.beforeSend?.({} as XMLHttpRequest);
    }
    expect(withOwn.beforeSend).toBe(own);
    expect(without.beforeSend).toBeUndefined();
  });

  it('gives back the own beforeSend through two wraps (the stall watch and the silence watch)', () => {
    const own = () => {};
    const calls: string[] = [];
    const request: WatchedRequest = { uri: 'https://vod.example/a.ts', beforeSend: own };
    onVhsRequestSent(request, () => calls.push('first'));
    onVhsRequestSent(request, () => calls.push('second'));
    request.beforeSend?.({} as XMLHttpRequest);
    expect(calls).toEqual(['first', 'second']);
    expect(request.beforeSend).toBe(own);
  });
});
