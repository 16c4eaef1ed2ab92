import type { SessionCheck } from '../session/checkSession.js';
import { bufferedEnd } from './bufferedEnd.js';

/**
 * What refused requests do with the session: check whether it is dead (one check at a time), and renew it
 * once for all the refusals that meet the dead session meanwhile, with one resume of the engine per renewal.
 */
export class RefusalRenewal {
  readonly #video: HTMLVideoElement;
  /** Checks the session after the refusal of a URL (see `checkSessionWithin`), until `signal` aborts. */
  readonly #checkSession: (refusedUrl: string, signal: AbortSignal) => Promise<SessionCheck>;
  /** Renews the session: false when that failed (and failed the player). */
  readonly #renewSession: () => Promise<boolean>;
  /** Aborts the session checks under way once it stops. */
  readonly #teardown = new AbortController();
  #sessionCheck: Promise<SessionCheck> | undefined;
  /** The renewal a refusal started, joined by the refusals that meet the dead session meanwhile. */
  #renewal: Promise<boolean> | undefined;
  /** The last renewal that a refusal resumed the engine for: one resume per renewal. */
  #resumedFor: Promise<boolean> | undefined;
  /**
   * Where playback stood (what was buffered) at that renewal: no other renewal for a refusal until it
   * plays past it, so a delivery that refuses every new session cannot spend token after token.
   */
  #mark: number | undefined;

  constructor(
    video: HTMLVideoElement,
    checkSession: (refusedUrl: string, signal: AbortSignal) => Promise<SessionCheck>,
    renewSession: () => Promise<boolean>,
  ) {
    this.#video = video;
    this.#checkSession = checkSession;
    this.#renewSession = renewSession;
  }

  /** Whether a refusal is being dealt with: the session checked, or renewed. */
  busy(): boolean {
    return this.#sessionCheck !== undefined || this.#renewal !== undefined;
  }

  /** Whether the session was found dead and is being renewed. */
  renewing(): boolean {
    return this.#renewal !== undefined;
  }

  /**
   * A refusal met while a refusal renewal runs was about the session being replaced: it joins that renewal.
   * Checking again would find the old session alive (a check only tells a dead session from a missing
   * asset) and fall back to the mp4 for nothing.
   */
  check(refusedUrl: string): Promise<SessionCheck> | SessionCheck {
    return this.#renewal !== undefined ? 'dead' : this.#checkOnce(refusedUrl);
  }

  /** A refusal may renew (or join the renewal under way) unless playback is still short of the mark. */
  mayRenew(): boolean {
    return this.#renewal !== undefined || this.#mark === undefined;
  }

  /**
   * Renews for a refusal, or joins the renewal under way: true, once renewed, for the one caller that
   * resumes the engine. That is the first for which `replaced` (its engine and source gone) is still false:
   * the refusal that started the renewal, unless a fallback replaced what it was about meanwhile (then the
   * mp4's own refusal, which joined the renewal, resumes the mp4).
   */
  async renew(replaced: () => boolean): Promise<boolean> {
    if (this.#renewal === undefined) {
      this.#mark = Math.max(this.#video.currentTime, bufferedEnd(this.#video));
      this.#renewal = this.#renewSession().finally(() => {
        this.#renewal = undefined;
      });
    }
    const renewal = this.#renewal;
    if (!(await renewal) || replaced() || this.#resumedFor === renewal) return false;
    this.#resumedFor = renewal;
    return true;
  }

  /** At `timeupdate`: playing past the mark means media loaded after the last renewal played, so it works. */
  played(): void {
    if (this.#mark !== undefined && this.#video.currentTime > this.#mark) this.#mark = undefined;
  }

  /** Aborts the session checks under way: they say nothing any more (`alive`). */
  stop(): void {
    this.#teardown.abort();
  }

  async #checkOnce(refusedUrl: string): Promise<SessionCheck> {
    this.#sessionCheck ??= this.#checkSession(refusedUrl, this.#teardown.signal).finally(() => {
      this.#sessionCheck = undefined;
    });
    return this.#sessionCheck;
  }
}
