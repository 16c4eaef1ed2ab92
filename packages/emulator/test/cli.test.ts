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

  it('says what a numeric flag accepts for a negative number too', () => {
    // node's parseArgs read "-5" as a flag: "Option '--latency' argument is ambiguous…".
    expect(() => parseCliArgs(['--latency', '-5'])).toThrow(
      new Error('--latency expects a whole number between 0 and 2147483647, got "-5"'),
    );
    expect(() => parseCliArgs(['--port', '-1'])).toThrow(/^--port expects a whole number/);
    expect(() => parseCliArgs(['--session-ttl', '-0.5'])).toThrow(/^--session-ttl expects a whole number/);
    expect(parseCliArgs(['--latency=0'])).toMatchObject({ options: { latencyMs: 0 } });
    // A missing value is still refused, not read as a value.
    expect(() => parseCliArgs(['--host', '--control'])).toThrow(/--host/);
  });

  it('refuses numbers written otherwise than in plain digits: hex, exponent, decimal, signed or padded', () => {
    for (const value of ['0x1F0', '1e3', '4790.0', ' 4790', '4790 ', '+4790', '0b11', '']) {
      expect(() => parseCliArgs(['--port', value]), value).toThrow(
        new Error(`--port expects a whole number between 0 and 65535, got "${value}"`),
      );
    }
    expect(() => parseCliArgs(['--latency', '1e3'])).toThrow(/^--latency expects a whole number/);
    expect(() => parseCliArgs(['--session-ttl', '60.0'])).toThrow(/^--session-ttl expects a whole number/);
    expect(parseCliArgs(['--port', '04790'])).toMatchObject({ options: { port: 4790 } });
  });

  it('refuses an empty --api-key: empty credentials would then authenticate', () => {
    for (const argv of [['--api-key='], ['--api-key', '']]) {
      expect(() => parseCliArgs(argv), argv.join(' ')).toThrow(
        new Error('--api-key expects a non-empty key, got ""'),
      );
    }
    expect(parseCliArgs(['--api-key', ' k '])).toMatchObject({ options: { apiKey: ' k ' } });
  });

  it('refuses an empty --host (`--host "$UNSET_VAR"`): it would listen on every interface, under URLs like http://:4010', () => {
    for (const argv of [['--host='], ['--host', '']]) {
      expect(() => parseCliArgs(argv), argv.join(' ')).toThrow(
        new Error('--host expects an interface to bind, such as 127.0.0.1 or 0.0.0.0, got ""'),
      );
    }
  });

  it('refuses an empty --media (`--media "$UNSET_VAR"`): the emulator would start without the folder', () => {
    for (const argv of [['--media='], ['--media', '']]) {
      expect(() => parseCliArgs(argv), argv.join(' ')).toThrow(
        new Error('--media expects a folder of videos, got ""'),
      );
    }
  });

  it('refuses --session-ttl 0: every session would be expired as it opens', () => {
    expect(() => parseCliArgs(['--session-ttl', '0'])).toThrow(
      new Error(`--session-ttl expects a whole number between 1 and ${Number.MAX_SAFE_INTEGER}, got "0"`),
    );
    expect(parseCliArgs(['--session-ttl', '1'])).toMatchObject({ options: { sessionTtl: 1 } });
  });
});

describe('formatBanner', () => {
  it('lists every video with ready-to-paste URLs and fresh tokens for private ones', async () => {
    const emulator = await emulatorForTest();
    const minted = new Map([['viPrivateTs', emulator.mintToken('viPrivateTs')]]);
    const banner = formatBanner(emulator, minted, {});
    const token = minted.get('viPrivateTs')?.privateToken ?? '';
    expect(banner).toContain(`listening on ${emulator.url}`);
    expect(banner).toContain(`${emulator.url}/vod/viPrivateTs/token/${token}/session`);
    expect(banner).toContain(`curl -s ${emulator.url}/vod/viPrivateTs/token/${token}/session`);
    expect(banner).toContain(`${emulator.url}/vod/viPublicTs/hls/manifest.m3u8`);
    expect(banner).toContain(`${emulator.url}/liPublicLive.m3u8`);
    expect(banner).toContain('Control API: off');
    expect(banner).toContain('API: POST /auth/api-key {"apiKey":"emulator-api-key"}');
  });

  it('prints the API key in use, and the latency', async () => {
    const emulator = await emulatorForTest({ apiKey: 'sekret', latencyMs: 80 });
    const banner = formatBanner(emulator, new Map(), { apiKey: 'sekret', latencyMs: 80 });
    expect(banner).toContain('API: POST /auth/api-key {"apiKey":"sekret"}, GET /videos');
    expect(banner).not.toContain('emulator-api-key');
    expect(banner).toContain('Latency: 80 ms');
  });
});
