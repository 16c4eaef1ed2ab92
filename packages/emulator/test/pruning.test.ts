import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiAuth, REFRESH_TOKEN_TTL_SECONDS } from '../src/apiAuth.js';
import type { TokenPolicy } from '../src/control/types.js';
import { resolveTokenPolicy } from '../src/tokenPolicy.js';
import { PRUNE_EVERY_MS, TokenStore } from '../src/tokenStore.js';
import { manualClock } from './helpers.js';

const policy = (layer: Partial<TokenPolicy> = {}) => resolveTokenPolicy(layer);
/** Moves the clock far enough that the next mint or session sweeps. */
const pruneDue = (clock: ReturnType<typeof manualClock>) => clock.advance(PRUNE_EVERY_MS / 1000);

describe('TokenStore pruning', () => {
  it('drops expired sessions on the next mint once a sweep is due; they still answer session-expired or session-mismatch', () => {
    const clock = manualClock();
    const store = new TokenStore(clock.now);
    const token = store.mint('viA', false, policy({ sessionTtl: 10 }));
    const { sessionToken = '' } = store.openSession('viA', token.privateToken);
    expect(store.size()).toMatchObject({ sessions: 1, retiredSessions: 0 });

    pruneDue(clock);
    expect(store.checkSigned('viA', token.privateToken, sessionToken).rule).toBe('session-expired');
    store.mint('viA', false, policy());
    expect(store.size()).toMatchObject({ sessions: 0, retiredSessions: 1 });
    expect(store.checkSigned('viA', token.privateToken, sessionToken)).toEqual({
      allowed: false,
      rule: 'session-expired',
    });
    expect(store.checkSigned('viB', token.privateToken, sessionToken).rule).toBe('session-mismatch');
    expect(store.checkSigned('viA', 'another-token', sessionToken).rule).toBe('session-mismatch');
    expect(store.checkSigned('viA', token.privateToken, 'never-opened').rule).toBe('session-unknown');
    expect(store.expireSessions()).toBe(0);
  });

  it('keeps live sessions and tokens that may still be used', () => {
    const clock = manualClock();
    const store = new TokenStore(clock.now);
    const live = store.mint('viA', false, policy());
    const { sessionToken = '' } = store.openSession('viA', live.privateToken);
    const unused = store.mint('viA', false, policy());
    const reusable = store.mint('viA', false, policy({ expiresAfterFirstUsage: false }));
    store.useUnsigned('viA', reusable.privateToken);
    const sessionsLeft = store.mint('viA', false, policy({ sessionLimit: 2 }));
    store.openSession('viA', sessionsLeft.privateToken);
    const noSessionYet = store.mint('viA', false, policy({ sessionLimit: 0 }));

    pruneDue(clock);
    store.mint('viA', false, policy());
    // `live` is spent (its one session is open) but its session lives on; the others may still be used.
    expect(store.size()).toEqual({ tokens: 5, sessions: 2, retiredTokens: 1, retiredSessions: 0 });
    expect(store.checkSigned('viA', live.privateToken, sessionToken).rule).toBe('signed');
    expect(store.openSession('viA', unused.privateToken).rule).toBe('session-opened');
    expect(store.useUnsigned('viA', reusable.privateToken).rule).toBe('unsigned-reuse');
    expect(store.openSession('viA', sessionsLeft.privateToken).rule).toBe('session-opened');
    expect(store.useUnsigned('viA', noSessionYet.privateToken).rule).toBe('unsigned-first-use');
  });

  it('drops spent one-shot tokens: they still answer token-used, token-unknown for another video, and token-expired past their expirationDate', () => {
    const clock = manualClock();
    const store = new TokenStore(clock.now);
    const expirationDate = clock.now() + 3_600_000;
    const unsigned = store.mint('viA', false, policy({ expirationDate }));
    store.useUnsigned('viA', unsigned.privateToken);
    const sessioned = store.mint('viA', false, policy());
    store.openSession('viA', sessioned.privateToken);

    pruneDue(clock);
    store.mint('viA', false, policy());
    expect(store.size()).toMatchObject({ tokens: 1, retiredTokens: 2 });
    for (const token of [unsigned, sessioned]) {
      expect(store.openSession('viA', token.privateToken)).toEqual({ allowed: false, rule: 'token-used' });
      expect(store.useUnsigned('viA', token.privateToken)).toEqual({ allowed: false, rule: 'token-used' });
      expect(store.openSession('viB', token.privateToken).rule).toBe('token-unknown');
    }
    clock.advance(3600);
    expect(store.openSession('viA', unsigned.privateToken).rule).toBe('token-expired');
    expect(store.useUnsigned('viA', unsigned.privateToken).rule).toBe('token-expired');
    expect(store.openSession('viA', sessioned.privateToken).rule).toBe('token-used');
  });

  it('drops tokens past timeToLive unused or past expirationDate: they still answer token-expired', () => {
    const clock = manualClock();
    const store = new TokenStore(clock.now);
    const ttl = store.mint('viA', false, policy({ timeToLive: 1 }));
    const ended = store.mint(
      'viA',
      false,
      policy({ expiresAfterFirstUsage: false, expirationDate: clock.now() + 1000 }),
    );
    store.useUnsigned('viA', ended.privateToken);

    pruneDue(clock);
    store.mint('viA', false, policy());
    expect(store.size()).toMatchObject({ tokens: 1, retiredTokens: 2 });
    for (const token of [ttl, ended]) {
      expect(store.openSession('viA', token.privateToken).rule).toBe('token-expired');
      expect(store.useUnsigned('viA', token.privateToken).rule).toBe('token-expired');
    }
  });

  it('sweeps only once per PRUNE_EVERY_MS of the clock, on a mint or a new session', () => {
    const clock = manualClock();
    const store = new TokenStore(clock.now);
    const spent = store.mint('viA', false, policy());
    store.useUnsigned('viA', spent.privateToken);
    clock.advance(PRUNE_EVERY_MS / 1000 - 1);
    store.mint('viA', false, policy());
    expect(store.size().retiredTokens).toBe(0);
    clock.advance(1);
    const fresh = store.mint('viA', false, policy());
    expect(store.size().retiredTokens).toBe(1);
    const other = store.mint('viA', false, policy());
    store.useUnsigned('viA', other.privateToken);
    pruneDue(clock);
    store.openSession('viA', fresh.privateToken);
    expect(store.size().retiredTokens).toBe(2);
  });

  it('remembers a bounded number of pruned tokens and sessions, forgetting the oldest first', () => {
    const clock = manualClock();
    const store = new TokenStore(clock.now, { retiredLimit: 2 });
    const tokens = [1, 2, 3].map(() => store.mint('viA', false, policy({ sessionTtl: 1 })));
    const sessions = tokens.map((token) => store.openSession('viA', token.privateToken).sessionToken ?? '');

    pruneDue(clock);
    store.mint('viA', false, policy());
    expect(store.size()).toEqual({ tokens: 1, sessions: 0, retiredTokens: 2, retiredSessions: 2 });
    // The oldest is forgotten: still a 404, under the rule for what the emulator no longer knows.
    expect(store.openSession('viA', tokens[0]!.privateToken).rule).toBe('token-unknown');
    expect(store.checkSigned('viA', tokens[0]!.privateToken, sessions[0]!).rule).toBe('session-unknown');
    for (const i of [1, 2]) {
      expect(store.openSession('viA', tokens[i]!.privateToken).rule).toBe('token-used');
      expect(store.checkSigned('viA', tokens[i]!.privateToken, sessions[i]!).rule).toBe('session-expired');
    }
  });

  it('clear() forgets pruned tokens and sessions too', () => {
    const clock = manualClock();
    const store = new TokenStore(clock.now);
    store.useUnsigned('viA', store.mint('viA', false, policy()).privateToken);
    pruneDue(clock);
    store.mint('viA', false, policy());
    store.clear();
    expect(store.size()).toEqual({ tokens: 0, sessions: 0, retiredTokens: 0, retiredSessions: 0 });
  });
});

/** One step of a random run; indices pick among the tokens and sessions made so far. */
type Step =
  | { op: 'mint'; video: number; policy: Partial<TokenPolicy> }
  | { op: 'session'; token: number; video: number }
  | { op: 'unsigned'; token: number; video: number }
  | { op: 'signed'; session: number; token: number; video: number }
  | { op: 'expire'; session: number }
  | { op: 'advance'; seconds: number };

const videos = ['viA', 'viB'];
const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constant('mint' as const),
    video: fc.nat(1),
    policy: fc.record(
      {
        expiresAfterFirstUsage: fc.boolean(),
        timeToLive: fc.option(fc.integer({ min: 0, max: 200 })),
        sessionLimit: fc.option(fc.integer({ min: 0, max: 3 })),
        sessionTtl: fc.integer({ min: 0, max: 200 }),
        expirationDate: fc.option(fc.integer({ min: 0, max: 400_000 }).map((ms) => manualClock().now() + ms)),
      },
      { requiredKeys: [] },
    ),
  }),
  fc.record({
    op: fc.constantFrom('session' as const, 'unsigned' as const),
    token: fc.nat(),
    video: fc.nat(1),
  }),
  fc.record({ op: fc.constant('signed' as const), session: fc.nat(), token: fc.nat(), video: fc.nat(1) }),
  fc.record({ op: fc.constant('expire' as const), session: fc.nat() }),
  fc.record({ op: fc.constant('advance' as const), seconds: fc.integer({ min: 0, max: 120 }) }),
);

/** Plays `steps` on a store and returns every answer, with secrets replaced by their index. */
function play(steps: readonly Step[], options: ConstructorParameters<typeof TokenStore>[1]) {
  const clock = manualClock();
  const store = new TokenStore(clock.now, options);
  const tokens: { videoId: string; privateToken: string }[] = [];
  const sessions: string[] = [];
  const answers: unknown[] = [];
  const pick = <T>(list: readonly T[], index: number) => list[index % list.length];
  for (const step of steps) {
    if (step.op === 'mint') {
      const record = store.mint(videos[step.video]!, false, policy(step.policy));
      tokens.push({ videoId: record.videoId, privateToken: record.privateToken });
      answers.push('minted');
    } else if (step.op === 'advance') {
      clock.advance(step.seconds);
    } else if (step.op === 'expire') {
      const session = pick(sessions, step.session);
      answers.push(session === undefined ? null : store.expireSessions({ sessionToken: session }));
    } else {
      const token = pick(tokens, step.token);
      if (!token) continue;
      const video = videos[step.video]!;
      if (step.op === 'session') {
        const { sessionToken, ...decision } = store.openSession(video, token.privateToken);
        if (sessionToken) sessions.push(sessionToken);
        answers.push(decision);
      } else if (step.op === 'unsigned') {
        answers.push(store.useUnsigned(video, token.privateToken));
      } else {
        const session = pick(sessions, step.session);
        if (session !== undefined) answers.push(store.checkSigned(video, token.privateToken, session));
      }
    }
  }
  return answers;
}

describe('TokenStore pruning changes no answer', () => {
  it('a store that sweeps at every mint and session answers every request exactly as one that never sweeps', () => {
    fc.assert(
      fc.property(fc.array(stepArbitrary, { minLength: 10, maxLength: 100, size: 'max' }), (steps) => {
        const pruning = play(steps, { pruneEveryMs: 0 });
        const keeping = play(steps, { pruneEveryMs: Number.POSITIVE_INFINITY });
        expect(pruning).toEqual(keeping);
      }),
      { numRuns: 300 },
    );
  });
});

describe('ApiAuth pruning', () => {
  it('forgets a refresh token once used and access tokens once expired, with the same answers', () => {
    const clock = manualClock();
    const auth = new ApiAuth('key', 60, clock.now);
    const first = auth.login('key');
    if (!first) throw new Error('login failed');
    expect(auth.size()).toEqual({ accessTokens: 1, refreshTokens: 1 });
    const second = auth.refresh(first.refresh_token);
    expect(second).not.toBeNull();
    expect(auth.refresh(first.refresh_token)).toBeNull();
    expect(auth.size()).toEqual({ accessTokens: 2, refreshTokens: 1 });

    clock.advance(60);
    expect(auth.authorize(`Bearer ${first.access_token}`)).toBe('invalid');
    clock.advance(PRUNE_EVERY_MS / 1000);
    auth.login('key');
    expect(auth.size()).toEqual({ accessTokens: 1, refreshTokens: 2 });
    expect(auth.authorize(`Bearer ${first.access_token}`)).toBe('invalid');
    expect(auth.refresh(second?.refresh_token)).not.toBeNull();
  });

  it('refuses refresh tokens past REFRESH_TOKEN_TTL_SECONDS unused, and forgets them at the next sweep', () => {
    const clock = manualClock();
    const auth = new ApiAuth('key', 60, clock.now);
    const kept = auth.login('key');
    const expiring = auth.login('key');
    if (!kept || !expiring) throw new Error('login failed');
    clock.advance(REFRESH_TOKEN_TTL_SECONDS - 1);
    expect(auth.refresh(kept.refresh_token)).not.toBeNull();
    clock.advance(1);
    expect(auth.refresh(expiring.refresh_token)).toBeNull();
    // Held until the next sweep: the expired one and the one the refresh of `kept` issued.
    expect(auth.size().refreshTokens).toBe(2);
    clock.advance(PRUNE_EVERY_MS / 1000);
    auth.login('key');
    expect(auth.size().refreshTokens).toBe(2);
    expect(auth.refresh(expiring.refresh_token)).toBeNull();
  });
});
