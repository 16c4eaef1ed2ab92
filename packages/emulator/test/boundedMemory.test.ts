import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TokenPolicy } from '../src/control/types.js';
import { MAX_LOG_ENTRIES, MAX_LOGGED_CHARS, RequestLog } from '../src/requestLog.js';
import { resolveTokenPolicy } from '../src/tokenPolicy.js';
import { MAX_UNUSED_TOKENS_PER_VIDEO, PRUNE_EVERY_MS, TokenStore } from '../src/tokenStore.js';
import { emulatorForTest, manualClock, rawRequest } from './helpers.js';

const policy = (layer: Partial<TokenPolicy> = {}) => resolveTokenPolicy(layer);
const basic = `Basic ${Buffer.from('emulator-api-key:').toString('base64')}`;

describe('unused private tokens are capped per video, oldest dropped first', () => {
  it('past the cap, the oldest unused token of that video answers as an unknown one', () => {
    const clock = manualClock();
    const store = new TokenStore(clock.now, { unusedLimit: 2 });
    const [first, second, third] = [1, 2, 3].map(() => store.mint('viA', false, policy()));
    const other = store.mint('viB', false, policy());
    expect(store.size().tokens).toBe(3);
    expect(store.openSession('viA', first!.privateToken)).toEqual({ allowed: false, rule: 'token-unknown' });
    expect(store.useUnsigned('viA', first!.privateToken)).toEqual({ allowed: false, rule: 'token-unknown' });
    expect(store.openSession('viA', second!.privateToken).rule).toBe('session-opened');
    expect(store.useUnsigned('viA', third!.privateToken).rule).toBe('unsigned-first-use');
    expect(store.openSession('viB', other.privateToken).rule).toBe('session-opened');
  });

  it('a used token no longer counts: a reusable one or one with sessions left is kept, however many are minted', () => {
    const clock = manualClock();
    const store = new TokenStore(clock.now, { unusedLimit: 2 });
    const reusable = store.mint('viA', false, policy({ expiresAfterFirstUsage: false }));
    store.useUnsigned('viA', reusable.privateToken);
    const sessionsLeft = store.mint('viA', false, policy({ sessionLimit: 3 }));
    store.openSession('viA', sessionsLeft.privateToken);
    for (let i = 0; i < 10; i++) store.mint('viA', false, policy());
    expect(store.size().tokens).toBe(4);
    expect(store.useUnsigned('viA', reusable.privateToken).rule).toBe('unsigned-reuse');
    expect(store.openSession('viA', sessionsLeft.privateToken).rule).toBe('session-opened');
  });

  it('a dropped token already expired still answers token-expired, as before it was dropped', () => {
    const clock = manualClock();
    const store = new TokenStore(clock.now, { unusedLimit: 1, pruneEveryMs: Number.POSITIVE_INFINITY });
    const ttl = store.mint('viA', false, policy({ timeToLive: 1 }));
    clock.advance(1);
    store.mint('viA', false, policy());
    expect(store.openSession('viA', ttl.privateToken).rule).toBe('token-expired');
  });

  it('answers the same whether or not sweeps run', () => {
    const step = fc.oneof(
      fc.record({ op: fc.constant('mint' as const), video: fc.nat(1), ttl: fc.option(fc.nat(30)) }),
      fc.record({ op: fc.constantFrom('session' as const, 'unsigned' as const), token: fc.nat() }),
      fc.record({ op: fc.constant('advance' as const), seconds: fc.nat(90) }),
    );
    type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;
    const play = (steps: readonly Step[], pruneEveryMs: number) => {
      const clock = manualClock();
      const store = new TokenStore(clock.now, { unusedLimit: 2, pruneEveryMs });
      const tokens: { videoId: string; privateToken: string }[] = [];
      const answers: string[] = [];
      for (const s of steps) {
        if (s.op === 'mint') {
          const { videoId, privateToken } = store.mint(
            ['viA', 'viB'][s.video]!,
            false,
            policy({ timeToLive: s.ttl }),
          );
          tokens.push({ videoId, privateToken });
        } else if (s.op === 'advance') clock.advance(s.seconds);
        else {
          const token = tokens[s.token % Math.max(1, tokens.length)];
          if (!token) continue;
          const use = s.op === 'session' ? store.openSession.bind(store) : store.useUnsigned.bind(store);
          answers.push(use(token.videoId, token.privateToken).rule);
        }
      }
      return answers;
    };
    fc.assert(
      fc.property(fc.array(step, { minLength: 5, maxLength: 60 }), (steps) => {
        expect(play(steps, 0)).toEqual(play(steps, Number.POSITIVE_INFINITY));
      }),
      { numRuns: 300 },
    );
  });

  it('an emulator polled through the API holds at most the cap of unused tokens per video', async () => {
    const clock = manualClock();
    const emulator = await emulatorForTest({ now: clock.now });
    const first = emulator.mintToken('viPrivateTs');
    const kept = [];
    for (let i = 0; i < MAX_UNUSED_TOKENS_PER_VIDEO; i++) kept.push(emulator.mintToken('viPrivateTs'));
    // Every API response mints one more token per private video, as api.video does.
    const response = await fetch(`${emulator.url}/videos/viPrivateTs`, { headers: { Authorization: basic } });
    expect(response.status).toBe(200);

    const dropped = await fetch(first.urls.session);
    expect(dropped.status).toBe(404);
    expect(dropped.headers.get('x-emulator-rule')).toBe('token-unknown');
    expect(await dropped.text()).toBe('');
    const oldestKept = kept[1];
    expect((await fetch(oldestKept?.urls.session ?? '')).status).toBe(200);
    expect((await fetch(kept[0]?.urls.session ?? '')).status).toBe(404);
    // Moving the clock far ahead drops nothing that is still usable: the cap is by count, not by age.
    clock.advance(100 * 365 * 86_400 + PRUNE_EVERY_MS / 1000);
    emulator.mintToken('viPrivateFmp4');
    expect((await fetch(kept.at(-1)?.urls.session ?? '')).status).toBe(200);
  });
});

describe('the request log is bounded', () => {
  it('keeps the last MAX_LOG_ENTRIES entries, dropping the oldest first; since still reads what is new', () => {
    const log = new RequestLog();
    const extra = 5;
    for (let i = 0; i < MAX_LOG_ENTRIES + extra; i += 1) {
      log.append({
        time: i,
        method: 'GET',
        path: '/x',
        query: {},
        status: 404,
        kind: 'other',
        rule: 'not-found',
        avh: false,
      });
    }
    const entries = log.entries();
    expect(entries).toHaveLength(MAX_LOG_ENTRIES);
    expect(entries[0]?.seq).toBe(extra + 1);
    expect(entries.at(-1)?.seq).toBe(MAX_LOG_ENTRIES + extra);
    expect(log.entries({ since: MAX_LOG_ENTRIES }).map((entry) => entry.seq)).toEqual([
      10_001, 10_002, 10_003, 10_004, 10_005,
    ]);
  });
});

describe('what one log entry keeps is bounded', () => {
  it('a long query keeps its first parameters up to MAX_LOGGED_CHARS characters, and says it was cut', () => {
    const log = new RequestLog();
    const big = 'x'.repeat(10_000);
    const entry = log.append({
      time: 0,
      method: 'GET',
      path: `/vod/viPrivateTs/${'p'.repeat(10_000)}`,
      query: { avh: 'session', a: big, b: 'dropped' },
      status: 404,
      kind: 'other',
      rule: 'not-found',
      avh: true,
      videoId: 'viPrivateTs',
      privateToken: 't'.repeat(10_000),
    });
    const [logged] = log.entries();
    for (const kept of [entry, logged]) {
      expect(kept?.truncated).toBe(true);
      expect(kept?.query.avh).toBe('session');
      expect(kept?.query.a).toBe('x'.repeat(MAX_LOGGED_CHARS - 'avh'.length - 'session'.length - 'a'.length));
      expect(kept?.query).not.toHaveProperty('b');
      expect(kept?.path).toBe(`/vod/viPrivateTs/${'p'.repeat(10_000)}`.slice(0, MAX_LOGGED_CHARS));
      expect(kept?.privateToken).toHaveLength(MAX_LOGGED_CHARS);
    }
  });

  it('an ordinary entry is kept whole, without the truncated mark', () => {
    const log = new RequestLog();
    const entry = {
      time: 0,
      method: 'GET',
      path: '/vod/viPrivateTs/token/t/hls/manifest.m3u8',
      query: { avh: 'a'.repeat(36), x: '1' },
      status: 200,
      kind: 'manifest' as const,
      rule: 'signed',
      avh: true,
      videoId: 'viPrivateTs',
      privateToken: 't',
    };
    expect(log.append(entry)).toEqual({ seq: 1, ...entry });
    expect(log.entries()).toEqual([{ seq: 1, ...entry }]);
  });

  it('through HTTP: a request with a 12 KB query is logged within the bound', async () => {
    const emulator = await emulatorForTest();
    const response = await rawRequest(
      emulator.url,
      `/vod/viPublicTs/thumbnail.jpg?junk=${'j'.repeat(12_000)}`,
    );
    expect(response.status).toBe(200);
    const [entry] = emulator.log();
    expect(entry?.truncated).toBe(true);
    const kept = Object.entries(entry?.query ?? {}).reduce((sum, [k, v]) => sum + k.length + v.length, 0);
    expect(kept).toBe(MAX_LOGGED_CHARS);
    expect(MAX_LOG_ENTRIES).toBe(10_000);
  });
});
