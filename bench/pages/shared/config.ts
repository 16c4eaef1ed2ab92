/**
 * Every bench page reads its configuration from the URL fragment (JSON), written by the runner: the
 * emulator's origin, the video and token to play, the engine… Pages hold no values of their own.
 */
export function readConfig<T>(): T {
  return JSON.parse(decodeURIComponent(location.hash.slice(1))) as T;
}

/** The emulator's origin as every video's delivery domain (it serves both `/vod` and `/private`). */
export function toDomains(emulatorUrl: string) {
  return { vod: emulatorUrl, live: emulatorUrl };
}
