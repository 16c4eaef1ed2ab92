import { describe, expect, it, vi } from 'vitest';
import { redactVideojsLog } from './redactVideojsLog.js';

function createLog() {
  return { warn: vi.fn(), error: vi.fn(), debug: vi.fn() };
}

const line = 'HLS request errored at URL: https://vod.api.video/vod/vi1/token/pt1/hls/seg_3.ts?avh=st-secret';

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

  it("leaves a wrapper installed after its own in place: it is someone else's", () => {
    const log = createLog();
    const release = redactVideojsLog(log);
    const theirs = vi.fn();
    log.warn = theirs;
    release();
    expect(log.warn).toBe(theirs);
  });
});
