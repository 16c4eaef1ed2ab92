import type { VideoSession } from '../session/VideoSession.js';
import { signUrl } from '../signing/signUrl.js';
import { scheduleRenewal } from './scheduleRenewal.js';
import type { PrivatePlaybackOptions, SessionRenewedEvent } from './types.js';

type KeeperOptions = Pick<
  PrivatePlaybackOptions,
  'getPrivateToken' | 'renewMargin' | 'setTimeout' | 'clearTimeout'
>;

/**
 * Keeps a player's session going while it plays: signs its requests, renews the session ahead of its expiry,
 * and tells of each new session, renewed here or by another user of it (a second player, a thumbnail).
 */
export class SessionKeeper {
  readonly #session: VideoSession;
  readonly #video: HTMLVideoElement;
  readonly #options: KeeperOptions;
  /** Whether the player is still there: a renewal that comes due after it is gone spends no token. */
  readonly #alive: () => boolean;
  /** The last session token seen (see `sign`). */
  #token: string | undefined;
  /** Cancels the renewal ahead of expiry: its timer, or its wait for `play`. */
  #cancelRenewal: (() => void) | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(session: VideoSession, video: HTMLVideoElement, options: KeeperOptions, alive: () => boolean) {
    this.#session = session;
    this.#video = video;
    this.#options = options;
    this.#alive = alive;
  }

  /** From the session's opening on: renews ahead of each expiry, and tells `onRenewed` of each new session. */
  watch(onRenewed: (event: SessionRenewedEvent) => void): void {
    this.#token = this.#session.getState().session?.token;
    this.#unsubscribe = this.#session.subscribe((state) => {
      const token = state.session?.token;
      if (state.status !== 'open' || token === undefined || token === this.#token) return;
      this.#token = token;
      this.#schedule();
      onRenewed({ session: state.session!, ref: state.ref });
    });
    this.#schedule();
  }

  /**
   * Signs with the session, or with the last session token it had while it has none: a renewal ahead that
   * failed once the session had expired leaves none (`error`), and no asset request goes without `avh`.
   * The delivery refuses the dead token, as it would the unsigned request, and that refusal renews.
   */
  sign(url: string): string {
    const { ref, session } = this.#session.getState();
    if (session !== undefined || this.#token === undefined) return this.#session.sign(url);
    return signUrl(url, { ref, sessionToken: this.#token, previousTokens: this.#session.previousTokens });
  }

  async renew(): Promise<void> {
    await this.#session.renew({ getPrivateToken: this.#options.getPrivateToken });
  }

  /** Cancels the renewal ahead, and hears of no new session any more. */
  stop(): void {
    this.#cancelRenewal?.();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  #schedule(): void {
    this.#cancelRenewal?.();
    this.#cancelRenewal = scheduleRenewal(this.#session, this.#video, {
      renewMargin: this.#options.renewMargin,
      setTimeout: this.#options.setTimeout,
      clearTimeout: this.#options.clearTimeout,
      canRenew: () => this.#alive() && this.#session.canRenew(this.#options.getPrivateToken),
      renew: () => void this.#renewAhead(),
    });
  }

  /**
   * The session still lives when this fails: playback goes on with it, and once it has expired its
   * refusal renews (or fails with the typed error) as any refusal does.
   */
  #renewAhead(): Promise<void> {
    return this.renew().catch(() => {});
  }
}
