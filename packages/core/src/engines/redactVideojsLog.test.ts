import { reachableStrings } from '@private-video/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { redactVideojsLog } from './redactVideojsLog.js';

function createLog() {
  return { warn: vi.fn(), error: vi.fn(), debug: vi.fn() };
}

/**
 * Like video.js's logger: each level stores its line (its arguments, copied) in a history every logger
 * shares, and `history()` returns those stored lines themselves in a new array.
 */
function createVideojsLikeLog() {
  const stored: unknown[][] = [];
  const level = (name: string) =>
    vi.fn((...args: unknown[]) => {
      stored.push([`${name}:`, ...args]);
    });
  const history = Object.assign(() => [...stored], {
    filter: (name: string) => stored.filter((line) => String(line[0]).includes(name)),
    clear: () => {
      stored.length = 0;
    },
  });
  return { warn: level('WARN'), error: level('ERROR'), debug: level('DEBUG'), history };
}

const livePlaylist = 'https://live.api.video/private/pt1/li1.m3u8';
const strings = (lines: unknown[][]) => lines.flat().filter((arg) => typeof arg === 'string');

const line = 'HLS request errored at URL: https://vod.api.video/vod/vi1/token/pt1/hls/seg_3.ts?avh=st-secret';
const segment = 'https://vod.api.video/vod/vi1/token/pt1/hls/seg_3.ts';

/** A live request, as VHS's `xhr` is: its own fields and, like an XMLHttpRequest, much more. */
class FakeXhr extends EventTarget {
  readonly uri = `${segment}?avh=st-secret`;
  readonly requestType = 'segment';
  readonly status = 403;
  readonly responseURL = this.uri;
  readonly response = new ArrayBuffer(8);
}

/** What VHS's `handleErrors` makes of a refused segment, which `SegmentLoader.error()` logs. */
function vhsRequestError() {
  const xhr = new FakeXhr();
  return {
    status: 403,
    message: `HLS request errored at URL: ${xhr.uri}`,
    code: 2,
    xhr,
    metadata: { uri: xhr.uri, requestType: 'segment', error: { message: `at ${xhr.uri}` } },
  };
}

/** The failure as it is kept: every URL without its `avh`, the live request reduced to what names it. */
const redactedRequestError = {
  status: 403,
  message: `HLS request errored at URL: ${segment}`,
  code: 2,
  xhr: { uri: segment, requestType: 'segment', status: 403 },
  metadata: { uri: segment, requestType: 'segment', error: { message: `at ${segment}` } },
};

const withoutSecret = (text: string) => text.replace('?avh=st-secret', '');
const secrets = (value: unknown) => reachableStrings(value).filter((text) => text.includes('st-secret'));

describe('redactVideojsLog', () => {
  it('writes avh out of every logged string, at every level, and passes the rest as it is', () => {
    const log = createLog();
    const { warn, error, debug } = log;
    redactVideojsLog(log);
    const detail = { uri: 'kept as it is' };
    log.warn('Problem encountered with playlist 0.', line, detail);
    log.error(line);
    log.debug('VHS:', `${line}&x=1`);
    expect(warn).toHaveBeenCalledWith(
      'Problem encountered with playlist 0.',
      'HLS request errored at URL: https://vod.api.video/vod/vi1/token/pt1/hls/seg_3.ts',
      detail,
    );
    expect(error.mock.calls[0]![0]).not.toContain('st-secret');
    expect(debug).toHaveBeenCalledWith(
      'VHS:',
      'HLS request errored at URL: https://vod.api.video/vod/vi1/token/pt1/hls/seg_3.ts?x=1',
    );
  });

  it('puts the logger back when the last engine releases it, and only then', () => {
    const log = createLog();
    const { warn } = log;
    const releaseFirst = redactVideojsLog(log);
    const releaseSecond = redactVideojsLog(log);
    releaseFirst();
    releaseFirst(); // a second release of the same engine counts once
    expect(log.warn).not.toBe(warn);
    releaseSecond();
    expect(log.warn).toBe(warn);
  });

  it('writes avh out of the history lines of loggers bound before it, read through it or after a release', () => {
    const log = createVideojsLikeLog();
    const sharedHistory = log.history; // what any other logger of video.js reads the history with
    // VHS's loggers made when video.js loads: `videojs.log.debug.bind(videojs, 'VHS:', 'PlaylistSelector >')`.
    const playlistSelector = log.debug.bind(null, 'VHS:', 'PlaylistSelector >');
    const release = redactVideojsLog(log);
    const choosing = `choosing {"id":"0-${livePlaylist}?avh=st-secret","bandwidth":1} using enabledPlaylistReps`;
    const options = { bandwidth: 1294946 };
    playlistSelector(choosing, options);
    expect(sharedHistory()).toEqual([['DEBUG:', 'VHS:', 'PlaylistSelector >', choosing, options]]);

    const [stored] = log.history();
    expect(stored).toEqual(['DEBUG:', 'VHS:', 'PlaylistSelector >', expect.any(String), options]);
    expect(stored![3]).toMatch(`choosing {"id":"0-${livePlaylist}`);
    expect(stored![3]).not.toMatch('avh=');
    expect(stored![4]).toEqual(options); // an object, copied

    playlistSelector(choosing);
    expect(log.history.filter('DEBUG')).toHaveLength(2);
    expect(strings(log.history.filter('DEBUG')).filter((arg) => arg.includes('avh='))).toEqual([]);

    playlistSelector(choosing.replace('st-secret', 'st-later'));
    release();
    expect(log.history).toBe(sharedHistory);
    expect(strings(sharedHistory())).toHaveLength(3 * 4);
    expect(strings(sharedHistory()).filter((arg) => arg.includes('avh='))).toEqual([]);
  });

  it('writes avh out of the objects VHS logs a failed request with, printed and kept, and keeps what tells the failure', () => {
    const log = createVideojsLikeLog();
    const { debug } = log; // what video.js prints, at the levels that print
    const release = redactVideojsLog(log);
    // A SegmentLoader's `logger_`, bound as the engine's player makes it: `videojs.log.debug.bind(videojs, …)`.
    const segmentLoader = log.debug.bind(null, 'VHS:', 'SegmentLoader[main] >');
    segmentLoader('error occurred:', vhsRequestError());
    const logged = ['VHS:', 'SegmentLoader[main] >', 'error occurred:', redactedRequestError];
    expect(debug.mock.calls).toEqual([logged]);
    expect(secrets(debug.mock.calls)).toEqual([]);
    expect(log.history()).toEqual([['DEBUG:', ...logged]]);
    expect(secrets(log.history())).toEqual([]);
    release();
    expect(secrets(log.history())).toEqual([]);
    expect(log.history()).toEqual([['DEBUG:', ...logged]]);
  });

  it('writes avh out of the objects in the history lines of loggers bound before it, through it and after a release', () => {
    const log = createVideojsLikeLog();
    const sharedHistory = log.history;
    const boundBefore = log.debug.bind(null, 'VHS:', 'SegmentLoader[main] >');
    const release = redactVideojsLog(log);
    boundBefore('error occurred:', vhsRequestError());
    expect(secrets(sharedHistory())).not.toEqual([]); // as video.js stored it
    expect(secrets(log.history())).toEqual([]);
    expect(log.history.filter('DEBUG')[0]![4]).toEqual(redactedRequestError);
    boundBefore('error occurred:', vhsRequestError());
    release();
    expect(secrets(sharedHistory())).toEqual([]);
    expect(sharedHistory().map((stored) => stored[4])).toEqual([redactedRequestError, redactedRequestError]);
  });

  it('logs an object it cannot copy whole without throwing, and without avh: a cycle, a getter that throws', () => {
    const log = createLog();
    const { warn } = log;
    redactVideojsLog(log);
    const cycle: Record<string, unknown> = { uri: `${segment}?avh=st-secret` };
    cycle.self = cycle;
    const unreadable = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('revoked');
        },
      },
    );
    expect(() => log.warn('odd objects:', cycle, unreadable, [line], 3, null)).not.toThrow();
    const [printed] = warn.mock.calls;
    expect(secrets(printed)).toEqual([]);
    expect(printed).toEqual([
      'odd objects:',
      { uri: segment, self: { uri: segment, self: { uri: segment, self: { uri: segment } } } },
      '[object not logged]',
      [withoutSecret(line)],
      3,
      null,
    ]);
  });

  it("writes its players' own error lines as warnings while their engine lives, and other errors as errors", () => {
    const log = createVideojsLikeLog();
    const { warn, error } = log;
    /** What video.js's player logs as it sets its error: its code, its message, the `MediaError` itself. */
    const logPlayerError = (mediaError: { code: number; message: string }) =>
      log.error(`(CODE:${mediaError.code} MEDIA_ERR_NETWORK)`, mediaError.message, mediaError);
    const ours = { code: 2, message: `HLS playlist request error at URL: ${segment}?avh=st-secret` };
    const theirs = { code: 2, message: 'another player of the page' };
    const release = redactVideojsLog(log, { error: () => ours });
    logPlayerError(ours);
    expect(warn.mock.calls).toEqual([
      [
        '(CODE:2 MEDIA_ERR_NETWORK)',
        withoutSecret(ours.message),
        { ...ours, message: withoutSecret(ours.message) },
      ],
    ]);
    logPlayerError(theirs);
    log.error('No source handler found for the current source.', ours);
    expect(error.mock.calls.map(([text]) => text)).toEqual([
      '(CODE:2 MEDIA_ERR_NETWORK)',
      'No source handler found for the current source.',
    ]);
    expect(log.history().map(([level]) => level)).toEqual(['WARN:', 'ERROR:', 'ERROR:']);
    release();
    logPlayerError(ours); // its engine is gone: an error again
    expect(error).toHaveBeenCalledTimes(3);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it("keeps the history's other members while it wraps it", () => {
    const log = createVideojsLikeLog();
    const release = redactVideojsLog(log);
    log.warn(line);
    (log.history as unknown as { clear(): void }).clear();
    expect(log.history()).toEqual([]);
    release();
  });

  it("leaves a wrapper installed after its own in place: it is someone else's", () => {
    const log = createLog();
    const release = redactVideojsLog(log);
    const theirs = vi.fn();
    log.warn = theirs;
    release();
    expect(log.warn).toBe(theirs);
  });

  it('leaves a history wrapper installed after its own in place, and scrubs through the original', () => {
    const log = createVideojsLikeLog();
    const original = log.history;
    const bypassing = log.debug.bind(null, 'VHS:');
    const release = redactVideojsLog(log);
    const theirs = Object.assign(() => [], { filter: () => [], clear: () => {} });
    log.history = theirs;
    bypassing(line);
    release();
    expect(log.history).toBe(theirs);
    expect(strings(original()).some((arg) => arg.includes('avh='))).toBe(false);
  });
});
