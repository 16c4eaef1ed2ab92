import Hls from 'hls.js';
// What the README tells Vite users to write: the URL of hls.js's worker build, as the bundler serves it.
import hlsWorkerUrl from 'hls.js/dist/hls.worker.js?url';
import { afterEach, describe, expect, it } from 'vitest';
import { PrivateVideoPlayer } from '../src/index.js';
import {
  control,
  deliveryLog,
  playedPast,
  renderPage,
  resetEmulatorEachTest,
  waitForElement,
} from './browserHelpers.js';

resetEmulatorEachTest();

const NativeWorker = globalThis.Worker;
afterEach(() => {
  globalThis.Worker = NativeWorker;
});

/** The URLs of the workers the page starts from now on. */
function watchWorkers(): string[] {
  const started: string[] = [];
  globalThis.Worker = class extends NativeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      started.push(String(url));
    }
  };
  return started;
}

describe("hls.js's worker (README: hls.js's ES module transmuxes on the main thread without one)", () => {
  it('transmuxes TS segments in the worker given as hlsConfig.workerPath, every request signed', async () => {
    expect(Hls.isSupported()).toBe(true);
    const workers = watchWorkers();
    const { privateToken } = await control.mintToken('viPrivateTs');
    const ref = { current: null as HTMLVideoElement | null };
    renderPage(
      <PrivateVideoPlayer
        ref={ref}
        videoId="viPrivateTs"
        privateToken={privateToken}
        hlsConfig={{ workerPath: hlsWorkerUrl }}
        muted
        autoPlay
        fallback={false}
      />,
    );
    await playedPast(await waitForElement(() => ref.current), 1);
    expect(workers.map((url) => new URL(url, location.href).pathname)).toEqual([
      new URL(hlsWorkerUrl, location.href).pathname,
    ]);
    const log = await deliveryLog('viPrivateTs');
    expect(log.filter((entry) => entry.kind === 'segment').length).toBeGreaterThan(0);
    expect(log.filter((entry) => entry.kind !== 'session' && !entry.avh)).toEqual([]);
  });

  it('starts no worker without it', async () => {
    const workers = watchWorkers();
    const { privateToken } = await control.mintToken('viPrivateTs');
    const ref = { current: null as HTMLVideoElement | null };
    renderPage(
      <PrivateVideoPlayer ref={ref} videoId="viPrivateTs" privateToken={privateToken} muted autoPlay />,
    );
    await playedPast(await waitForElement(() => ref.current), 1);
    expect(workers).toEqual([]);
  });
});
