import { vi } from 'vitest';
import type { EngineContext, EngineHooks, EngineModule, PlaybackEngine } from '../playback/PlaybackEngine.js';

/** Just enough of an HTMLVideoElement for the controller and the native engine, counting its listeners. */
export class FakeVideo extends EventTarget {
  currentTime = 0;
  seeking = false;
  paused = true;
  playbackRate = 1;
  muted = false;
  volume = 1;
  preload = 'auto';
  currentSrc = '';
  error: MediaError | null = null;
  /** HAVE_NOTHING until `loadedmetadata` is fired, and again after each `load()`. */
  readyState = 0;
  /** NETWORK_LOADING (fetching); `preload="none"` leaves a real element idle (1) until it plays. */
  networkState = 2;
  /** The buffered ranges, as `[start, end]` pairs. */
  ranges: [number, number][] = [];
  listeners = 0;
  play = vi.fn(async () => {
    this.paused = false;
    this.fire('play');
  });
  /** What a real `load()` resets: it pauses, forgets the last error, and the rate goes back to the default. */
  load = vi.fn(() => {
    this.paused = true;
    this.error = null;
    this.playbackRate = 1;
    this.currentTime = 0;
    this.readyState = 0;
    this.currentSrc = this.src;
  });

  #src = '';
  get src(): string {
    return this.#src;
  }
  /** As in the DOM, a new `src` runs the load algorithm (the reset `load()` does). */
  set src(value: string) {
    this.#src = value;
    this.load();
  }

  get buffered(): TimeRanges {
    const ranges = this.ranges;
    return {
      length: ranges.length,
      start: (index: number) => ranges[index]![0],
      end: (index: number) => ranges[index]![1],
    };
  }

  getAttribute(name: string): string | null {
    return name === 'src' && this.src !== '' ? this.src : null;
  }

  removeAttribute(name: string): void {
    if (name === 'src') this.#src = '';
  }

  /** The listeners registered now, by type, each with what was given to `EventTarget`. */
  readonly #registered = new Map<string, Map<EventListenerOrEventListenerObject, EventListener>>();

  override addEventListener(...[type, listener, options]: Parameters<EventTarget['addEventListener']>): void {
    const byType = this.#registered.get(type) ?? new Map();
    this.#registered.set(type, byType);
    if (listener === null || byType.has(listener)) return; // the DOM ignores a second registration
    const once = typeof options === 'object' && options.once === true;
    const wrapped = (event: Event) => {
      if (once) this.removeEventListener(type, listener);
      if (typeof listener === 'function') listener.call(this, event);
      else listener.handleEvent(event);
    };
    byType.set(listener, wrapped);
    this.listeners += 1;
    super.addEventListener(type, wrapped);
  }

  override removeEventListener(...[type, listener]: Parameters<EventTarget['removeEventListener']>): void {
    const wrapped = listener === null ? undefined : this.#registered.get(type)?.get(listener);
    if (wrapped === undefined) return; // removing an unknown listener does nothing, as in the DOM
    this.#registered.get(type)!.delete(listener!);
    this.listeners -= 1;
    super.removeEventListener(type, wrapped);
  }

  fire(type: string): void {
    if (type === 'loadedmetadata') this.readyState = Math.max(this.readyState, 1);
    this.dispatchEvent(new Event(type));
  }

  asElement(): HTMLVideoElement {
    return this as unknown as HTMLVideoElement;
  }
}

export interface FakeEngine extends PlaybackEngine {
  context: EngineContext;
  hooks: EngineHooks;
  calls: string[];
}

/** An engine module that records what the controller asks of it and hands the test its hooks. */
export function createFakeEngineModule(name: 'hls.js' | 'video.js' | 'native', supported = true) {
  const engines: FakeEngine[] = [];
  const module: EngineModule = {
    isSupported: () => supported,
    createEngine: (context: EngineContext) => {
      const calls: string[] = [];
      const engine: FakeEngine = {
        name,
        // What stands for the library's own object (hls.js's `Hls`, video.js's player).
        instance: { library: name },
        context,
        hooks: context.hooks,
        calls,
        loadHls: (url) => void calls.push(`hls ${url}`),
        loadMp4: (url) => void calls.push(`mp4 ${url}`),
        resume: (position) => void calls.push(`resume ${position}`),
        destroy: () => void calls.push('destroy'),
      };
      engines.push(engine);
      return engine;
    },
  };
  return { module, engines };
}

/**
 * Hooks for an engine under test: they sign with `avh=<token>`, record what the engine reports, and say the
 * viewer has `video` playing when it is not paused (and waits when it cannot play on).
 */
export function createFakeHooks(token = 'st-1', video?: { paused: boolean; readyState?: number }) {
  const session = { token };
  const refused: { status: number; url: string }[] = [];
  const fatals: { error: Parameters<EngineHooks['onFatal']>[0]; status: number | undefined }[] = [];
  const hooks: EngineHooks = {
    sign: (url) => `${url.split('?')[0]}?avh=${session.token}`,
    playing: () => video !== undefined && !video.paused,
    waiting: () => video !== undefined && !video.paused && (video.readyState ?? 0) < 3,
    onAssetRefused: (status, url) => void refused.push({ status, url }),
    onFatal: (error, status) => void fatals.push({ error, status }),
  };
  return { hooks, session, refused, fatals };
}
