import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TokenPolicy } from '../src/control/types.js';
import type { EmulatorOptions } from '../src/emulatorOptions.js';
import * as api from '../src/index.js';
import { builtInMediaRoot } from '../src/mediaRoot.js';
import { emulatorForTest, manualClock, tempDir } from './helpers.js';

const OPTIONS =
  'the options are port, host, publicUrl, corsOrigins, allowedHosts, control, manifestSigning, latencyMs, sessionTtl, tokenPolicy, videoPolicies, mediaDir, apiKey, accessTokenTtl, now, onError';

/** The error `startEmulator` rejects with (or a failure if it started). */
async function refusal(options: unknown): Promise<Error> {
  const error = await emulatorForTest(options as EmulatorOptions).then(
    () => new Error('started'),
    (reason: unknown) => reason as Error,
  );
  expect(error, error.message).toBeInstanceOf(RangeError);
  return error;
}

describe('startEmulator refuses options it does not know instead of ignoring them', () => {
  it('a misspelt top-level option: named, with the likeliest one and every accepted one', async () => {
    // Each of these started an emulator that did something else than meant (control off, 24 h sessions).
    expect((await refusal({ sesionTtl: 5 })).message).toBe(
      `startEmulator: unknown option "sesionTtl" (did you mean "sessionTtl"?); ${OPTIONS}`,
    );
    expect((await refusal({ contrl: true })).message).toBe(
      `startEmulator: unknown option "contrl" (did you mean "control"?); ${OPTIONS}`,
    );
    expect((await refusal({ control: true, verbose: true })).message).toBe(
      `startEmulator: unknown option "verbose"; ${OPTIONS}`,
    );
  });

  it('a videoPolicies entry for an id the catalog does not have', async () => {
    const policy = { sessionLimit: 2 };
    expect((await refusal({ videoPolicies: { viNope: policy } })).message).toMatch(
      /^videoPolicies: unknown id "viNope"; the ids are viPrivateTs, .*, liPrivateLive, liPublicLive$/,
    );
    expect((await refusal({ videoPolicies: { viPrivateTS: policy } })).message).toMatch(
      /^videoPolicies: unknown id "viPrivateTS" \(did you mean "viPrivateTs"\?\)/,
    );
    expect((await refusal({ videoPolicies: 'viPrivateTs' })).message).toBe(
      'videoPolicies must be an object: { [videoId]: policy }',
    );
    // Live streams and the videos of `mediaDir` are in the catalog too.
    const mediaDir = tempDir('emulator-options-');
    mkdirSync(join(mediaDir, 'viMine'));
    copyFileSync(join(builtInMediaRoot, 'thumbnail.jpg'), join(mediaDir, 'viMine', 'thumbnail.jpg'));
    const emulator = await emulatorForTest({
      mediaDir,
      videoPolicies: { viMine: policy, liPrivateLive: policy, viGrid01: policy },
    });
    expect(emulator.catalog.findVideo('viMine')).toBeDefined();
  });

  it('keeps every documented option working', async () => {
    const mediaDir = tempDir('emulator-options-');
    mkdirSync(join(mediaDir, 'viMine'));
    copyFileSync(join(builtInMediaRoot, 'thumbnail.jpg'), join(mediaDir, 'viMine', 'thumbnail.jpg'));
    const every: Required<EmulatorOptions> = {
      port: 0,
      host: '127.0.0.1',
      publicUrl: 'http://emulator.test:4010',
      corsOrigins: ['http://app.test:3000'],
      allowedHosts: ['app.test'],
      control: true,
      manifestSigning: true,
      latencyMs: 0,
      sessionTtl: 60,
      tokenPolicy: { sessionLimit: 2 },
      videoPolicies: { viMine: { expiresAfterFirstUsage: false } },
      mediaDir,
      apiKey: 'k',
      accessTokenTtl: 60,
      now: manualClock().now,
      onError: () => {},
    };
    const emulator = await emulatorForTest(every);
    expect(emulator).toMatchObject({
      control: true,
      manifestSigning: true,
      url: 'http://emulator.test:4010',
    });
    // An option set to `undefined` is absent, as for the control API's keys (the types say so): every one.
    const unset = Object.fromEntries(Object.keys(every).map((key) => [key, undefined]));
    expect(await emulatorForTest(unset)).toMatchObject({
      control: false,
      manifestSigning: false,
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    });
  });
});

describe('option and policy errors say what is accepted', () => {
  it('names the field and the accepted values', async () => {
    const cases: [Partial<TokenPolicy>, string][] = [
      [{ sessionLimit: -3 }, 'sessionLimit must be a whole number ≥ 1, or null'],
      [{ sessionLimit: 0 }, 'sessionLimit must be a whole number ≥ 1, or null'],
      [{ sessionLimit: 1.5 }, 'sessionLimit must be a whole number ≥ 1, or null'],
      [{ timeToLive: -1 }, 'timeToLive must be a number of seconds ≥ 0, or null'],
      [{ sessionTtl: -1 }, 'sessionTtl must be a number of seconds ≥ 0'],
      [
        { expiresAfterFirstUsage: 'yes' as unknown as boolean },
        'expiresAfterFirstUsage must be true or false',
      ],
      [
        { expirationDate: 'soon' },
        'expirationDate must be an ISO date string, epoch ms or null; "soon" is not a date',
      ],
    ];
    const emulator = await emulatorForTest();
    for (const [policy, message] of cases) {
      expect((await refusal({ videoPolicies: { viPrivateTs: policy } })).message).toBe(
        `videoPolicies.viPrivateTs.${message}`,
      );
      expect(() => emulator.mintToken('viPrivateTs', policy)).toThrow(new RangeError(`policy.${message}`));
    }
    expect((await refusal({ sessionTtl: -1 })).message).toBe('sessionTtl must be a number of seconds ≥ 0');
    expect((await refusal({ accessTokenTtl: -1 })).message).toBe(
      'accessTokenTtl must be a finite number of seconds ≥ 0',
    );
    // Infinity still means "unlimited" from code (JSON cannot carry it), and null too.
    emulator.mintToken('viPrivateTs', { sessionLimit: Number.POSITIVE_INFINITY });
    emulator.mintToken('viPrivateTs', { sessionLimit: null, timeToLive: 0 });
  });
});

describe('the API key', () => {
  it('refuses an empty or non-string apiKey: empty credentials (`Basic Og==`, `{"apiKey":""}`) would match it', async () => {
    for (const apiKey of ['', 42, null]) {
      expect((await refusal({ apiKey })).message, String(apiKey)).toBe('apiKey must be a non-empty string');
    }
    await emulatorForTest({ apiKey: 'k' });
  });
});

describe('the host', () => {
  it('refuses an empty or non-string host: Node would listen on every interface, under URLs like http://:4010', async () => {
    for (const host of ['', 42, null]) {
      expect((await refusal({ host })).message, String(host)).toBe(
        'host must be a non-empty string: the interface to bind, such as 127.0.0.1 or 0.0.0.0',
      );
    }
  });
});

describe('session TTL units', () => {
  it('exports the default session lifetime under a name that says its unit', () => {
    expect(api.DEFAULT_SESSION_TTL_SECONDS).toBe(86_400);
    // The old name stays, deprecated, with the same value.
    expect(api.DEFAULT_SESSION_TTL).toBe(api.DEFAULT_SESSION_TTL_SECONDS);
  });
});
