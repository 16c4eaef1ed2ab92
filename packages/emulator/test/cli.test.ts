import { describe, expect, it } from 'vitest';
import { formatBanner } from '../src/formatBanner.js';
import { parseCliArgs } from '../src/parseCliArgs.js';
import { emulatorForTest } from './helpers.js';

describe('parseCliArgs', () => {
  it('defaults to port 4010 on 127.0.0.1 with control and signing off', () => {
    expect(parseCliArgs([])).toEqual({
      help: false,
      options: { port: 4010, host: '127.0.0.1', control: false, manifestSigning: false },
    });
  });

  it('reads every flag', () => {
    const argv =
      '--port 0 --host 0.0.0.0 --control --manifest-signing --latency 80 --session-ttl 60 --media ./m';
    expect(parseCliArgs([...argv.split(' '), '--api-key', 'k'])).toEqual({
      help: false,
      options: {
        port: 0,
        host: '0.0.0.0',
        control: true,
        manifestSigning: true,
        latencyMs: 80,
        sessionTtl: 60,
        mediaDir: './m',
        apiKey: 'k',
      },
    });
  });

  it('rejects bad numbers and unknown flags', () => {
    expect(() => parseCliArgs(['--port', 'abc'])).toThrow(/--port/);
    expect(() => parseCliArgs(['--port', '70000'])).toThrow(/--port/);
    expect(() => parseCliArgs(['--latency', '-1'])).toThrow(/--latency/);
    expect(() => parseCliArgs(['--nope'])).toThrow();
    expect(parseCliArgs(['--help'])).toEqual({ help: true });
  });
});

describe('formatBanner', () => {
  it('lists every video with ready-to-paste URLs and fresh tokens for private ones', async () => {
    const emulator = await emulatorForTest();
    const minted = new Map([['viPrivateTs', emulator.mintToken('viPrivateTs')]]);
    const banner = formatBanner(emulator, minted, 0);
    const token = minted.get('viPrivateTs')?.privateToken ?? '';
    expect(banner).toContain(`listening on ${emulator.url}`);
    expect(banner).toContain(`${emulator.url}/vod/viPrivateTs/token/${token}/session`);
    expect(banner).toContain(`curl -s ${emulator.url}/vod/viPrivateTs/token/${token}/session`);
    expect(banner).toContain(`${emulator.url}/vod/viPublicTs/hls/manifest.m3u8`);
    expect(banner).toContain(`${emulator.url}/liPublicLive.m3u8`);
    expect(banner).toContain('Control API: off');
  });
});
