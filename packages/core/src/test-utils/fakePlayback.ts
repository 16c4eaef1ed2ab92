import { vi } from 'vitest';
import type { EngineContext, EngineHooks, EngineModule, PlaybackEngine } from '../playback/PlaybackEngine.js';

/** Just enough of an HTMLVideoElement for the controller, counting its listeners. */
export class FakeVideo extends EventTarget {
  currentTime = 0;
  paused = true;
  playbackRate = 1;
  listeners = 0;
  play = vi.fn(async () => {
    this.paused = false;
  });

  override addEventListener(...args: Parameters<EventTarget['addEventListener']>): void {
    this.listeners += 1;
    super.addEventListener(...args);
  }

  override removeEventListener(...args: Parameters<EventTarget['removeEventListener']>): void {
    this.listeners -= 1;
    super.removeEventListener(...args);
  }

  fire(type: string): void {
    this.dispatchEvent(new Event(type));
  }

  asElement(): HTMLVideoElement {
    return this as unknown as HTMLVideoElement;
  }
}

export interface FakeEngine extends PlaybackEngine {
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
