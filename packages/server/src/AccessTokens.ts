import { abortable } from '@private-video/core';
import { ApiVideoError } from './ApiVideoError.js';
import { readJsonObject, toStatusError } from './readResponse.js';
import { discard, type HttpContext, sendWithRetry } from './sendWithRetry.js';

interface AccessToken {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** When the API stops accepting it (client clock, ms). */
  readonly expiresAt: number;
  /** When we renew it: a margin before `expiresAt`, so no request goes out with a token about to die. */
  readonly renewAt: number;
}

/**
 * The bearer token of one API key: obtained with `POST /auth/api-key`, renewed with `POST /auth/refresh`
 * shortly before it expires or when the API answers 401, falling back to the API key when the refresh
 * fails. Renewals are single-flight: concurrent callers share one auth request.
 */
export class AccessTokens {
  readonly #http: HttpContext;
  readonly #apiKey: string;
  readonly #refreshMargin: number;
  #current: AccessToken | undefined;
  #pending: Promise<AccessToken> | undefined;

  constructor(http: HttpContext, apiKey: string, refreshMargin: number) {
    this.#http = http;
    this.#apiKey = apiKey;
    this.#refreshMargin = refreshMargin;
  }

  /**
   * A bearer token that is not about to expire. `signal` only stops this caller's wait: a renewal in
   * flight is shared, so it goes on for the others.
   */
  async get(signal?: AbortSignal | undefined): Promise<string> {
    const current = this.#current;
    const now = this.#http.now();
    if (current !== undefined && now < current.expiresAt) {
      // Renewing before expiry is a precaution, so nobody waits for it (a failing auth API could hold a
      // caller for its whole retry chain): the token still serves meanwhile, and a 401 would say if it
      // was revoked. A failed renewal is tried again by the next call.
      if (now >= current.renewAt) this.#renew().catch(() => {});
      return current.accessToken;
    }
    return (await abortable(this.#renew(), signal)).accessToken;
  }

  /** After the API refused `rejected` (401): a new token, renewed once however many callers saw the 401. */
  async replace(rejected: string, signal?: AbortSignal | undefined): Promise<string> {
    const current = this.#current;
    if (current !== undefined && current.accessToken !== rejected) return this.get(signal);
    try {
      return (await abortable(this.#renew(), signal)).accessToken;
    } catch (error) {
      // The API refused this token: it must not be handed out again, even while it looks alive.
      if (this.#current?.accessToken === rejected) this.#current = undefined;
      throw error;
    }
  }

  #renew(): Promise<AccessToken> {
    if (this.#pending === undefined) {
      this.#pending = this.#obtain().then(
        (token) => {
          this.#current = token;
          this.#pending = undefined;
          return token;
        },
        (error: unknown) => {
          this.#pending = undefined;
          throw error;
        },
      );
      // Shared, so maybe awaited by nobody: a caller whose signal had already aborted stops waiting before
      // it starts, and an unheard failure would be an unhandled rejection, which stops Node. Callers still
      // get it: each awaits `#pending` itself.
      this.#pending.catch(() => {});
    }
    return this.#pending;
  }

  async #obtain(): Promise<AccessToken> {
    const refreshToken = this.#current?.refreshToken;
    if (refreshToken === undefined) return this.#request('/auth/api-key', { apiKey: this.#apiKey });
    try {
      return await this.#request('/auth/refresh', { refreshToken });
    } catch {
      // A refresh token can be revoked or outlive its welcome; the API key always gets a new pair.
      return this.#request('/auth/api-key', { apiKey: this.#apiKey });
    }
  }

  async #request(path: string, body: Record<string, string>): Promise<AccessToken> {
    const startedAt = this.#http.now();
    const response = await sendWithRetry(this.#http, path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
    // api.video documents 400 ("The user credentials were incorrect.") for a wrong key or refresh token;
    // 401 is what some deployments (and the emulator) answer. We always send a well-formed body.
    if (response.status === 400 || response.status === 401) {
      await discard(response);
      throw new ApiVideoError(
        'bad-credentials',
        path === '/auth/api-key'
          ? `api.video refused the API key (${response.status} on /auth/api-key): check the key, and that it belongs to the ` +
              'environment of baseUrl (sandbox keys only work with https://sandbox.api.video).'
          : `api.video refused the refresh token (${response.status} on /auth/refresh).`,
        { status: response.status, path },
      );
    }
    if (response.status === 404) {
      // Not `not-found`, which says "no such video": the handler would answer 404 for every video and
      // log nothing, hiding a wrong baseUrl.
      await discard(response);
      throw new ApiVideoError(
        'bad-request',
        `There is no ${path} at ${this.#http.baseUrl} (404): check that baseUrl is the api.video API.`,
        { status: 404, path },
      );
    }
    if (!response.ok) throw await toStatusError(response, path, 'authentication endpoint');
    return this.#parse(await readJsonObject(response, path), path, startedAt);
  }

  #parse(body: Record<string, unknown>, path: string, startedAt: number): AccessToken {
    const { access_token: accessToken, refresh_token: refreshToken, expires_in: expiresIn } = body;
    if (
      typeof accessToken !== 'string' ||
      accessToken === '' ||
      typeof refreshToken !== 'string' ||
      typeof expiresIn !== 'number' ||
      !(expiresIn > 0)
    ) {
      throw new ApiVideoError(
        'malformed-response',
        `The answer of ${path} is not { access_token, refresh_token, expires_in }.`,
        { status: 200, path },
      );
    }
    // Timed from the request's start, so a slow answer cannot make us believe the token lives longer.
    const lifetime = expiresIn * 1000;
    const expiresAt = startedAt + lifetime;
    // A short-lived token (a test server's) still gets used for the first half of its life.
    const renewAt = expiresAt - Math.min(this.#refreshMargin, lifetime / 2);
    return { accessToken, refreshToken, expiresAt, renewAt };
  }
}
