import { randomBytes } from 'node:crypto';
import { SecretMap, secretsEqual } from './secretMap.js';
import { PRUNE_EVERY_MS } from './tokenStore.js';

/**
 * Lifetime of a refresh token (seconds): 30 days. api.video publishes none; this one is far longer than an
 * access token's (a client refreshes after a 401, once its access token expired), and lets a long run
 * forget them.
 */
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

export interface AccessTokenResponse {
  access_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

/** api.video's API authentication: the API key as Basic user, or short-lived Bearer access tokens. */
export class ApiAuth {
  readonly #apiKey: string;
  readonly #expiresIn: number;
  readonly #now: () => number;
  readonly #accessTokens = new SecretMap<{ accessToken: string; expiresAt: number }>();
  /**
   * Unused refresh tokens. A used one is forgotten at once, and an expired token at the next sweep:
   * "unknown" is refused exactly like "used" or "expired", so a long run does not keep them all.
   */
  readonly #refreshTokens = new SecretMap<{ refreshToken: string; expiresAt: number }>();
  #lastPrune: number;

  /** `expiresIn`: lifetime of access tokens (seconds), the `accessTokenTtl` option. */
  constructor(apiKey: string, expiresIn: number, now: () => number) {
    this.#apiKey = apiKey;
    this.#expiresIn = expiresIn;
    this.#now = now;
    this.#lastPrune = now();
  }

  /** `POST /auth/api-key`: tokens for the right key, null otherwise. */
  login(apiKey: unknown): AccessTokenResponse | null {
    if (typeof apiKey !== 'string' || !secretsEqual(apiKey, this.#apiKey)) return null;
    return this.#issue();
  }

  /** `POST /auth/refresh`: a refresh token works once, like the real one, and until it expires. */
  refresh(refreshToken: unknown): AccessTokenResponse | null {
    if (typeof refreshToken !== 'string') return null;
    const token = this.#refreshTokens.get(refreshToken);
    if (!token || this.#now() >= token.expiresAt) return null;
    this.#refreshTokens.delete(refreshToken);
    return this.#issue();
  }

  /** Checks an `Authorization` header: `Basic base64(apiKey:)` or `Bearer {access_token}`. */
  authorize(header: string | undefined): 'ok' | 'missing' | 'invalid' {
    if (!header) return 'missing';
    const [scheme = '', value = ''] = header.trim().split(/\s+/, 2);
    if (/^basic$/i.test(scheme)) {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const user = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
      return secretsEqual(user, this.#apiKey) ? 'ok' : 'invalid';
    }
    if (/^bearer$/i.test(scheme)) {
      const token = this.#accessTokens.get(value);
      return token && this.#now() < token.expiresAt ? 'ok' : 'invalid';
    }
    return 'invalid';
  }

  clear(): void {
    this.#accessTokens.clear();
    this.#refreshTokens.clear();
  }

  /** How many tokens are held: what the pruning keeps bounded. */
  size(): { accessTokens: number; refreshTokens: number } {
    return { accessTokens: this.#accessTokens.size, refreshTokens: this.#refreshTokens.size };
  }

  #issue(): AccessTokenResponse {
    this.#pruneIfDue();
    const access = randomBytes(24).toString('base64url');
    const refresh = randomBytes(24).toString('base64url');
    this.#accessTokens.set(access, { accessToken: access, expiresAt: this.#now() + this.#expiresIn * 1000 });
    this.#refreshTokens.set(refresh, {
      refreshToken: refresh,
      expiresAt: this.#now() + REFRESH_TOKEN_TTL_SECONDS * 1000,
    });
    return {
      access_token: access,
      refresh_token: refresh,
      token_type: 'Bearer',
      expires_in: this.#expiresIn,
    };
  }

  /** At most once per `PRUNE_EVERY_MS` of the clock, on issuing: the only call that adds tokens. */
  #pruneIfDue(): void {
    const now = this.#now();
    if (now - this.#lastPrune < PRUNE_EVERY_MS) return;
    this.#lastPrune = now;
    for (const token of this.#accessTokens.values()) {
      if (now >= token.expiresAt) this.#accessTokens.delete(token.accessToken);
    }
    for (const token of this.#refreshTokens.values()) {
      if (now >= token.expiresAt) this.#refreshTokens.delete(token.refreshToken);
    }
  }
}
