import type { LogEntry } from '@private-video/emulator';
import { describe, expect, it } from 'vitest';
import { allSigned, browserUnsigned, unsignedRequests } from './unsignedRequests';

const pagesUrl = 'http://127.0.0.1:4000';
const emulator = 'http://127.0.0.1:5000';
const get = (url: string, resourceType = 'image') => ({ url, method: 'GET', resourceType });
let seq = 0;
const logged = (kind: LogEntry['kind'], avh: boolean): LogEntry => ({
  seq: ++seq,
  time: 0,
  method: 'GET',
  path: `/vod/vi1/token/tok/${kind}`,
  query: avh ? { avh: 'x' } : {},
  status: 200,
  kind,
  rule: 'signed',
  avh,
});

describe('browserUnsigned', () => {
  it('lists requests to another origin without avh, without their query', () => {
    const requests = [
      get(`${emulator}/vod/vi1/token/tok/thumbnail.jpg?avh=abc`),
      get(`${emulator}/vod/vi1/token/tok/thumbnail.jpg?width=320`),
      get('https://cdn.example/vi1/mp4/source.mp4', 'media'),
    ];
    expect(browserUnsigned(requests, pagesUrl)).toEqual([
      `${emulator}/vod/vi1/token/tok/thumbnail.jpg`,
      'https://cdn.example/vi1/mp4/source.mp4',
    ]);
  });

  it("leaves out the pages' own server, /session and what is not http", () => {
    const requests = [
      get(`${pagesUrl}/prod/player.js`, 'script'),
      get(`${emulator}/vod/vi1/token/tok/session`, 'fetch'),
      get('data:image/png;base64,AAAA'),
      get('blob:http://127.0.0.1:4000/5f0c', 'media'),
    ];
    expect(browserUnsigned(requests, pagesUrl)).toEqual([]);
  });
});

describe('unsignedRequests', () => {
  it('counts assets without avh on the emulator side, /session aside', () => {
    const log = [logged('session', false), logged('thumbnail', true), logged('segment', false)];
    const check = unsignedRequests(log, [], pagesUrl);
    expect(check).toEqual({ assetRequests: 2, unsigned: 1, unsignedSeenByBrowser: [] });
    expect(allSigned(check)).toBe(false);
  });

  it('fails on a request only the browser saw', () => {
    const check = unsignedRequests(
      [logged('thumbnail', true)],
      [get(`${emulator}/x/thumbnail.jpg`)],
      pagesUrl,
    );
    expect(check.unsigned).toBe(0);
    expect(allSigned(check)).toBe(false);
  });

  it('passes when both sides saw only signed requests', () => {
    const check = unsignedRequests(
      [logged('session', false), logged('thumbnail', true)],
      [get(`${emulator}/x/thumbnail.jpg?avh=1`)],
      pagesUrl,
    );
    expect(allSigned(check)).toBe(true);
  });
});
