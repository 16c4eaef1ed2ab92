import { randomUUID } from 'node:crypto';
import type { ExpireFilter, TokenPolicy } from './control/types.js';
import { finalRefusal } from './finalRefusal.js';
import { SecretMap, secretsEqual } from './secretMap.js';
import { expirationTime } from './tokenPolicy.js';

/** How often (emulator clock) expired sessions and dead tokens are swept, on the next mint or session. */
export const PRUNE_EVERY_MS = 60_000;
/** How many swept tokens (and sessions) are remembered, to refuse them under the same rule as before. */
export const RETIRED_LIMIT = 10_000;
/**
 * Unused tokens kept per video (every API response mints one): past it, the oldest unused token of that
 * video is dropped and then answers as unknown. Counted, never aged, so moving the clock drops nothing.
 */
export const MAX_UNUSED_TOKENS_PER_VIDEO = 1_000;

export interface TokenRecord {
  privateToken: string;
  videoId: string;
  live: boolean;
  policy: TokenPolicy;
  mintedAt: number;
  firstUsedAt: number | null;
  /** An asset was served without `avh` on this token. */
  usedUnsigned: boolean;
  sessionsOpened: number;
}

export interface SessionRecord {
  sessionToken: string;
  videoId: string;
  privateToken: string;
  expiresAt: number;
}

/** What is kept of a swept token: enough to refuse it exactly as before. */
interface RetiredToken {
  videoId: string;
  /** `expirationDate` in epoch ms: past it, a spent token answers `token-expired` instead of `token-used`. */
  hardEnd: number | null;
  rule: 'token-expired' | 'token-used';
}

/** What is kept of a swept (expired) session: enough to tell `session-mismatch` from `session-expired`. */
type RetiredSession = Pick<SessionRecord, 'videoId' | 'privateToken'>;

export interface TokenStoreOptions {
  /** Clock time between sweeps; default `PRUNE_EVERY_MS`. `Infinity` never sweeps. */
  pruneEveryMs?: number;
  /** Swept tokens, and swept sessions, remembered at most; default `RETIRED_LIMIT`. */
  retiredLimit?: number;
  /** Unused tokens kept per video, the oldest dropped first; default `MAX_UNUSED_TOKENS_PER_VIDEO`. */
  unusedLimit?: number;
}

/** Outcome of an access check: the rule names what allowed or refused the request. */
export type AccessDecision = { allowed: true; rule: string } | { allowed: false; rule: string };

/**
 * Private tokens, the sessions they open, and the api.video rules that govern both.
 *
 * A long-running emulator would otherwise keep every token and session for good: at most once per
 * `pruneEveryMs` of its clock, the next mint or session sweeps expired sessions and tokens that can only
 * be refused from then on into small bounded records that answer with the same rule. Only past
 * `retiredLimit` of them does the oldest become unknown (still a 404, under `token-unknown` or
 * `session-unknown`). Tokens that may still be used (unused and without `timeToLive`, reusable…) are kept,
 * except that each video keeps at most `unusedLimit` unused tokens: minting past it drops the oldest.
 */
export class TokenStore {
  readonly #tokens = new SecretMap<TokenRecord>();
  readonly #sessions = new SecretMap<SessionRecord>();
  readonly #retiredTokens: SecretMap<RetiredToken>;
  readonly #retiredSessions: SecretMap<RetiredSession>;
  readonly #now: () => number;
  readonly #pruneEveryMs: number;
  readonly #unusedLimit: number;
  /**
   * Per video, its tokens never used, in minting order. A token swept meanwhile (past its `timeToLive`)
   * stays listed until used or dropped, so the cap counts the same whether or not sweeps have run.
   */
  readonly #unused = new Map<string, Set<TokenRecord>>();
  #lastPrune: number;

  constructor(now: () => number, options: TokenStoreOptions = {}) {
    this.#now = now;
    this.#pruneEveryMs = options.pruneEveryMs ?? PRUNE_EVERY_MS;
    const limit = options.retiredLimit ?? RETIRED_LIMIT;
    this.#retiredTokens = new SecretMap({ limit });
    this.#retiredSessions = new SecretMap({ limit });
    this.#unusedLimit = options.unusedLimit ?? MAX_UNUSED_TOKENS_PER_VIDEO;
    this.#lastPrune = now();
  }

  mint(videoId: string, live: boolean, policy: TokenPolicy): TokenRecord {
    this.#pruneIfDue();
    const record: TokenRecord = {
      privateToken: randomUUID(),
      videoId,
      live,
      policy,
      mintedAt: this.#now(),
      firstUsedAt: null,
      usedUnsigned: false,
      sessionsOpened: 0,
    };
    this.#tokens.set(record.privateToken, record);
    this.#capUnused(record);
    return record;
  }

  /** `GET …/session`: opens a session if the token still allows one. */
  openSession(videoId: string, privateToken: string): AccessDecision & { sessionToken?: string } {
    this.#pruneIfDue();
    const retired = this.#findRetiredToken(videoId, privateToken);
    if (retired) return retired;
    const token = this.#findToken(videoId, privateToken);
    const refused = this.#refuseUnusable(token);
    if (refused || !token) return refused ?? { allowed: false, rule: 'token-unknown' };
    const { policy } = token;
    if (policy.expiresAfterFirstUsage && token.usedUnsigned) return { allowed: false, rule: 'token-used' };
    if (policy.sessionLimit !== null && token.sessionsOpened >= policy.sessionLimit) {
      // A one-shot token that already opened its sessions is "used"; a reusable one hit its session cap.
      return { allowed: false, rule: policy.expiresAfterFirstUsage ? 'token-used' : 'session-limit' };
    }
    const now = this.#now();
    this.#markUsed(token, now);
    token.sessionsOpened += 1;
    const hardEnd = expirationTime(policy);
    const session: SessionRecord = {
      sessionToken: randomUUID(),
      videoId,
      privateToken: token.privateToken,
      expiresAt: Math.min(now + policy.sessionTtl * 1000, hardEnd ?? Number.POSITIVE_INFINITY),
    };
    this.#sessions.set(session.sessionToken, session);
    return { allowed: true, rule: 'session-opened', sessionToken: session.sessionToken };
  }

  /** An asset requested with the bare private token: allowed once (or always, for reusable tokens). */
  useUnsigned(videoId: string, privateToken: string): AccessDecision {
    const retired = this.#findRetiredToken(videoId, privateToken);
    if (retired) return retired;
    const token = this.#findToken(videoId, privateToken);
    const refused = this.#refuseUnusable(token);
    if (refused || !token) return refused ?? { allowed: false, rule: 'token-unknown' };
    const used = token.firstUsedAt !== null;
    if (token.policy.expiresAfterFirstUsage && used) return { allowed: false, rule: 'token-used' };
    this.#markUsed(token, this.#now());
    token.usedUnsigned = true;
    return { allowed: true, rule: used ? 'unsigned-reuse' : 'unsigned-first-use' };
  }

  /** An asset requested with `avh`: needs a live session opened by this same video and token. */
  checkSigned(videoId: string, privateToken: string, sessionToken: string): AccessDecision {
    const live = this.#sessions.get(sessionToken);
    const session = live ?? this.#retiredSessions.get(sessionToken);
    if (!session) return { allowed: false, rule: 'session-unknown' };
    const sameVideo = secretsEqual(session.videoId, videoId);
    const sameToken = secretsEqual(session.privateToken, privateToken);
    if (!sameVideo || !sameToken) return { allowed: false, rule: 'session-mismatch' };
    // A retired session was swept because it had expired.
    if (!live || this.#now() >= live.expiresAt) return { allowed: false, rule: 'session-expired' };
    return { allowed: true, rule: 'signed' };
  }

  /** Ends matching live sessions now; returns how many were live. */
  expireSessions(filter: ExpireFilter = {}): number {
    const now = this.#now();
    let expired = 0;
    for (const session of this.#sessions.values()) {
      if (filter.videoId !== undefined && session.videoId !== filter.videoId) continue;
      if (filter.privateToken !== undefined && session.privateToken !== filter.privateToken) continue;
      if (filter.sessionToken !== undefined && session.sessionToken !== filter.sessionToken) continue;
      if (session.expiresAt <= now) continue;
      // One millisecond in the past, so `now >= expiresAt` holds even if the clock stands still.
      session.expiresAt = now - 1;
      expired += 1;
    }
    return expired;
  }

  clear(): void {
    this.#tokens.clear();
    this.#unused.clear();
    this.#sessions.clear();
    this.#retiredTokens.clear();
    this.#retiredSessions.clear();
  }

  /** How much the store holds: what the pruning keeps bounded. */
  size(): { tokens: number; sessions: number; retiredTokens: number; retiredSessions: number } {
    return {
      tokens: this.#tokens.size,
      sessions: this.#sessions.size,
      retiredTokens: this.#retiredTokens.size,
      retiredSessions: this.#retiredSessions.size,
    };
  }

  /** Lists `record` as unused; past `unusedLimit` for its video, drops the oldest unused one. */
  #capUnused(record: TokenRecord): void {
    const unused = this.#unused.get(record.videoId) ?? new Set<TokenRecord>();
    this.#unused.set(record.videoId, unused);
    unused.add(record);
    for (const oldest of unused) {
      if (unused.size <= this.#unusedLimit) break;
      unused.delete(oldest);
      // Already swept: its small record answers as before. Otherwise one that can only be refused is
      // swept now (same answer); one that could still be used is forgotten, and answers token-unknown.
      if (this.#tokens.get(oldest.privateToken) !== oldest) continue;
      this.#tokens.delete(oldest.privateToken);
      this.#retire(oldest, this.#now());
    }
  }

  #markUsed(token: TokenRecord, now: number): void {
    if (token.firstUsedAt !== null) return;
    token.firstUsedAt = now;
    this.#unused.get(token.videoId)?.delete(token);
  }

  #retire(token: TokenRecord, now: number): boolean {
    const rule = finalRefusal(token, now);
    if (rule === null) return false;
    this.#retiredTokens.set(token.privateToken, {
      videoId: token.videoId,
      hardEnd: expirationTime(token.policy),
      rule,
    });
    return true;
  }

  /** Sweeps when `pruneEveryMs` has passed: on mints and sessions, the only calls that add records. */
  #pruneIfDue(): void {
    const now = this.#now();
    if (now - this.#lastPrune < this.#pruneEveryMs) return;
    this.#lastPrune = now;
    for (const session of this.#sessions.values()) {
      if (now < session.expiresAt) continue;
      this.#sessions.delete(session.sessionToken);
      this.#retiredSessions.set(session.sessionToken, {
        videoId: session.videoId,
        privateToken: session.privateToken,
      });
    }
    for (const token of this.#tokens.values()) {
      if (this.#retire(token, now)) this.#tokens.delete(token.privateToken);
    }
  }

  /** The refusal of a swept token, as the full rules would have answered it; undefined if not swept. */
  #findRetiredToken(videoId: string, privateToken: string): AccessDecision | undefined {
    const retired = this.#retiredTokens.get(privateToken);
    if (!retired) return undefined;
    if (!secretsEqual(retired.videoId, videoId)) return { allowed: false, rule: 'token-unknown' };
    const expired = retired.hardEnd !== null && this.#now() >= retired.hardEnd;
    return { allowed: false, rule: expired ? 'token-expired' : retired.rule };
  }

  #findToken(videoId: string, privateToken: string): TokenRecord | undefined {
    const token = this.#tokens.get(privateToken);
    // A token minted for another video is as unknown here as a made-up one.
    return token && secretsEqual(token.videoId, videoId) ? token : undefined;
  }

  #refuseUnusable(token: TokenRecord | undefined): AccessDecision | null {
    if (!token) return { allowed: false, rule: 'token-unknown' };
    const now = this.#now();
    const hardEnd = expirationTime(token.policy);
    if (hardEnd !== null && now >= hardEnd) return { allowed: false, rule: 'token-expired' };
    const { timeToLive } = token.policy;
    if (token.firstUsedAt === null && timeToLive !== null && now >= token.mintedAt + timeToLive * 1000) {
      return { allowed: false, rule: 'token-expired' };
    }
    return null;
  }
}
