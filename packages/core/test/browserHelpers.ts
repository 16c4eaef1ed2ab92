import { createEmulatorControl } from '@private-video/emulator/control';
import { inject } from 'vitest';
import { SessionClient } from '../src/session/SessionClient.js';

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

/** Resolves when the video has played past `seconds` (an event, not a sleep). */
export function playedPast(video: HTMLVideoElement, seconds: number): Promise<number> {
  return new Promise((resolve) => {
    const check = () => {
      if (video.currentTime > seconds) {
        video.removeEventListener('timeupdate', check);
        resolve(video.currentTime);
      }
    };
    video.addEventListener('timeupdate', check);
    check();
  });
}

export function once<T = Event>(target: EventTarget, type: string): Promise<T> {
  return new Promise((resolve) =>
    target.addEventListener(type, (event) => resolve(event as T), { once: true }),
  );
}

/** The emulator's log for one video (delivery requests only). */
export async function deliveryLog(videoId: string) {
  const entries = await control.log();
  return entries.filter((entry) => entry.videoId === videoId && entry.kind !== 'api');
}
