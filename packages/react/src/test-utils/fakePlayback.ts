import {
  getDefaultClient,
  type PlaybackState,
  type PrivatePlayback,
  type PrivatePlaybackEvents,
  type PrivatePlaybackOptions,
  VideoSession,
  type VideoSource,
  type ViewerState,
} from '@private-video/core';
import { vi } from 'vitest';
import type { CreatePlayback } from '../PrivateVideoContext.js';

type Listener = (event: never) => void;

/**
 * Stands in for core's controller in DOM-less tests: it opens the shared session like the real one
 * (so session sharing is real) and lets the test emit the controller's events.
 */
export class FakePlayback {
  readonly session: VideoSession;
  state: PlaybackState = 'opening-session';
  destroyed = false;
  readonly #listeners = new Map<string, Set<Listener>>();

  constructor(
    readonly video: HTMLVideoElement,
    readonly source: VideoSource | VideoSession,
    readonly options: PrivatePlaybackOptions,
  ) {
    this.session =
      source instanceof VideoSession ? source : (options.client ?? getDefaultClient()).video(source);
    this.session.open().then(
      () => this.setState('loading'),
      (error) => {
        this.setState('error');
        this.emit('error', error);
      },
    );
  }

  getState(): PlaybackState {
    return this.state;
  }

  /** Like the real one: a source once an engine has the video (here: from `loading` on). */
  getSource(): 'hls' | undefined {
    return this.state === 'loading' || this.state === 'playing' ? 'hls' : undefined;
  }

  getPosition(): number {
    return this.video.currentTime;
  }

  getViewerState(): ViewerState {
    const { currentTime: position, paused, playbackRate: rate, muted, volume } = this.video;
    return { position, playing: !paused, rate, muted, volume };
  }

  on<K extends keyof PrivatePlaybackEvents>(type: K, listener: (event: PrivatePlaybackEvents[K]) => void) {
    const set = this.#listeners.get(type) ?? new Set();
    set.add(listener as Listener);
    this.#listeners.set(type, set);
    return () => void set.delete(listener as Listener);
  }

  emit<K extends keyof PrivatePlaybackEvents>(type: K, event: PrivatePlaybackEvents[K]): void {
    if (this.destroyed) return;
    for (const listener of this.#listeners.get(type) ?? []) (listener as (event: unknown) => void)(event);
  }

  setState(state: PlaybackState): void {
    if (this.destroyed || state === this.state) return;
    this.state = state;
    this.emit('state', state);
  }

  destroy(): void {
    this.destroyed = true;
    this.#listeners.clear();
  }
}

export function createFakePlayback() {
  const instances: FakePlayback[] = [];
  const create = vi.fn(
    (video: HTMLVideoElement, source: VideoSource | VideoSession, options?: PrivatePlaybackOptions) => {
      const playback = new FakePlayback(video, source, options ?? {});
      instances.push(playback);
      return playback as unknown as PrivatePlayback;
    },
  );
  return {
    create: create as unknown as CreatePlayback & typeof create,
    instances,
    /** The controllers not destroyed. */
    get live() {
      return instances.filter((playback) => !playback.destroyed);
    },
  };
}
