import { type PlayState, restoreOnLoad } from '../engines/restoreOnLoad.js';
import { listen } from './listen.js';
import type { ViewerState } from './types.js';

/**
 * What the viewer wants of one `<video>` (playing or not, their rate, their sound), which the element itself
 * stops telling when a new source resets it, or when its media fails: the player gives it back from here.
 */
export class ViewerTracker {
  readonly #video: HTMLVideoElement;
  readonly #autoPlay: boolean;
  /** Where the viewer is when nothing says otherwise (see `PrivatePlayback.getPosition()`). */
  readonly #position: () => number;
  readonly #cleanups: (() => void)[] = [];
  /** Whether playback was started (by `autoPlay` or the user): from then on, its paused state rules. */
  #started = false;
  /** Whether the viewer's last word was play (`play`) rather than pause: see `isPlaying()`. */
  #wantsPlay = false;
  #cancelSeek: (() => void) | undefined;
  /**
   * What that restore puts back once the source it was set with has loaded: until then, the element holds what
   * that source's load() reset, and this is what the viewer has (their position, the rate they chose).
   */
  #restoring: PlayState | undefined;

  constructor(video: HTMLVideoElement, autoPlay: boolean, position: () => number) {
    this.#video = video;
    this.#autoPlay = autoPlay;
    this.#position = position;
  }

  /** What the restore under way puts back once its source has loaded (see `#restoring`). */
  get restoring(): PlayState | undefined {
    return this.#restoring;
  }

  /** Starts following the viewer's play and pause, and the restores' ends. */
  watch(): void {
    // A play before the session opened counts (an element without a source plays, waiting for one).
    this.#wantsPlay = !this.#video.paused;
    this.#listen('play', () => {
      this.#started = this.#wantsPlay = true;
    });
    this.#listen('pause', () => {
      if (!this.#video.error) this.#wantsPlay = false;
    });
    // Before the restore's own listener: it has put back what it kept, and the element has it from now on.
    this.#listen('loadedmetadata', () => {
      this.#restoring = undefined;
    });
  }

  /**
   * Whether the viewer has it playing. Chromium pauses an element whose media failed (already paused in its
   * `error` event, `pause` after it): that pause is not the viewer's, and what replaces the media plays on.
   */
  isPlaying(): boolean {
    return !this.#video.paused || (this.#video.error !== null && this.#wantsPlay);
  }

  /**
   * Whether the viewer asked to play (and has not paused since) and the element's reset, of a source that
   * failed before anything loaded, paused it: with `preload="none"` nothing loads before they play, so that
   * is how it starts.
   */
  askedToPlay(): boolean {
    return this.#started && this.#wantsPlay && this.#video.readyState === 0;
  }

  /** Whether the viewer has it playing, or a play is coming: asked for before anything loaded, or `autoPlay`'s. */
  wantsPlay(): boolean {
    // autoPlay only stands for a play that never happened: a video paused since stays paused.
    return this.isPlaying() || this.askedToPlay() || (this.#autoPlay && !this.#started);
  }

  /** Before the engine sets its source again: the restore still waiting plays it once that loads. */
  playOnIfAsked(): void {
    if (this.askedToPlay() && this.#restoring) this.#restoring.play = true;
  }

  /** What the viewer has, or what `viewer` says they had (the engine's, when the element holds a reset). */
  read(viewer?: PlayState): ViewerState {
    const { muted, volume } = this.#video;
    return {
      position: viewer?.position ?? this.#position(),
      playing: viewer?.play ?? this.wantsPlay(),
      // Until a new source has loaded, its own reset is not the viewer's rate.
      rate: viewer?.rate ?? this.#restoring?.rate ?? this.#video.playbackRate,
      muted,
      volume,
    };
  }

  /** Restores position, rate and play state once the new media has loaded (a new source resets them). */
  seekOnLoad(position: number, play: boolean, rate: number, playOnLoadStart?: boolean): void {
    this.#cancelSeek?.();
    this.#restoring = { position, play, rate };
    this.#cancelSeek = restoreOnLoad(this.#video, this.#restoring, playOnLoadStart);
  }

  /**
   * A retry's, or a playlist's next video's: its `<video>` may be new (video.js makes one), with the page's
   * `muted`. `defaultMuted` too, as video.js reads the attribute; and the volume again once the media has loaded,
   * as video.js puts it back to 1 when it starts. The rate goes along with the source (see `PrivatePlayback`'s
   * `#attach`). What is not given stays as the element has it.
   */
  restoreSoundAndRate({ muted, volume, rate }: Partial<ViewerState>): void {
    const video = this.#video;
    if (muted !== undefined) video.muted = video.defaultMuted = muted;
    if (rate !== undefined) video.playbackRate = rate;
    if (volume === undefined) return;
    video.volume = volume;
    this.#listen(
      'loadedmetadata',
      () => {
        video.volume = volume;
      },
      true,
    );
  }

  /** Removes its listeners and cancels the restore under way. */
  stop(): void {
    this.#cancelSeek?.();
    for (const remove of this.#cleanups.splice(0)) remove();
  }

  #listen(type: keyof HTMLMediaElementEventMap, listener: () => void, once = false): void {
    this.#cleanups.push(listen(this.#video, type, listener, once));
  }
}
