import { createEmulatorControl } from '@private-video/emulator/control';
import { inject } from 'vitest';
import { SessionClient } from '../src/session/SessionClient.js';

export { once, playedPast } from '@private-video/test-utils';

export const emulatorUrl = inject('emulatorUrl');
export const control = createEmulatorControl(emulatorUrl);

/** A fresh client per test: no session leaks between tests through storage. */
export function createClient(): SessionClient {
  return new SessionClient({ storage: null, domains: { vod: emulatorUrl, live: emulatorUrl } });
}

/** A muted `<video>` in the page (video.js needs it attached), removed by the returned cleanup. */
export function createVideo(): { video: HTMLVideoElement; container: HTMLDivElement } {
  const container = document.createElement('div');
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  // Real players show a poster; with one, VHS once stalled after a renewal (a regression guard).
  video.poster = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
  container.append(video);
  document.body.append(container);
  return { video, container };
}

/** The emulator's log for one video (delivery requests only). */
export async function deliveryLog(videoId: string) {
  const entries = await control.log();
  return entries.filter((entry) => entry.videoId === videoId && entry.kind !== 'api');
}
