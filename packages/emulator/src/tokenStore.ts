import { randomUUID } from 'node:crypto';
import type { ExpireFilter, TokenPolicy } from './control/types.js';
import { SecretMap, secretsEqual } from './secretMap.js';
import { expirationTime } from './tokenPolicy.js';

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

/** Outcome of an access check: the rule names what allowed or refused the request. */
export type AccessDecision = { allowed: true; rule: string } | { allowed: false; rule: string };

/** Private tokens, the sessions they open, and the api.video rules that govern both. */
export class TokenStore {
  readonly #tokens = new SecretMap<TokenRecord>();
  readonly #sessions = new SecretMap<SessionRecord>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  mint(videoId: string, live: boolean, policy: TokenPolicy): TokenRecord {
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
    return record;
  }

  /** `GET …/session`: opens a session if the token still allows one. */
  openSession(videoId: string, privateToken: string): AccessDecision & { sessionToken?: string } {
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
    token.firstUsedAt ??= now;
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
    const token = this.#findToken(videoId, privateToken);
    const refused = this.#refuseUnusable(token);
    if (refused || !token) return refused ?? { allowed: false, rule: 'token-unknown' };
    const used = token.firstUsedAt !== null;
    if (token.policy.expiresAfterFirstUsage && used) return { allowed: false, rule: 'token-used' };
    token.firstUsedAt ??= this.#now();
    token.usedUnsigned = true;
    return { allowed: true, rule: used ? 'unsigned-reuse' : 'unsigned-first-use' };
  }

  /** An asset requested with `avh`: needs a live session opened by this same video and token. */
  checkSigned(videoId: string, privateToken: string, sessionToken: string): AccessDecision {
    const session = this.#sessions.get(sessionToken);
    if (!session) return { allowed: false, rule: 'session-unknown' };
    const sameVideo = secretsEqual(session.videoId, videoId);
    const sameToken = secretsEqual(session.privateToken, privateToken);
    if (!sameVideo || !sameToken) return { allowed: false, rule: 'session-mismatch' };
    if (this.#now() >= session.expiresAt) return { allowed: false, rule: 'session-expired' };
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
    this.#sessions.clear();
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
