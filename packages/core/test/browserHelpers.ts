import { createEmulatorControl } from '@private-video/emulator/control';
import { afterEach, beforeEach, expect, inject } from 'vitest';
import type { PrivatePlayback } from '../src/playback/PrivatePlayback.js';
import { SessionClient } from '../src/session/SessionClient.js';

export { once, playedPast } from '@private-video/test-utils';

export const emulatorUrl = inject('emulatorUrl');
export const control = createEmulatorControl(emulatorUrl);

/** A fresh client per test: no session leaks between tests through storage. */
export function createClient(): SessionClient {
  return new SessionClient({ storage: null, domains: { vod: emulatorUrl, live: emulatorUrl } });
}

/** What a test made, for `cleanUpEachTest` to undo. */
const made = { playbacks: [] as PrivatePlayback[], containers: [] as HTMLElement[] };

/** Each test starts with a clean emulator, and ends with its kept playbacks destroyed and its videos gone. */
export function cleanUpEachTest(): void {
  beforeEach(async () => {
    await control.reset();
  });
  afterEach(() => {
    for (const playback of made.playbacks.splice(0)) playback.destroy();
    for (const container of made.containers.splice(0)) container.remove();
  });
}

/** Destroyed once the test ends (under `cleanUpEachTest`). */
export function keep(playback: PrivatePlayback): PrivatePlayback {
  made.playbacks.push(playback);
  return playback;
}

/** A muted `<video>` in the page (video.js needs it attached), removed once the test ends (under `cleanUpEachTest`). */
export function createVideo(): { video: HTMLVideoElement; container: HTMLDivElement } {
  const container = document.createElement('div');
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  // Real players show a poster; with one, VHS once stalled after a renewal (a regression guard).
  video.poster = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
  container.append(video);
  document.body.append(container);
  made.containers.push(container);
  return { video, container };
}

/** The emulator's log for one video (delivery requests only). */
export async function deliveryLog(videoId: string) {
  const entries = await control.log();
  return entries.filter((entry) => entry.videoId === videoId && entry.kind !== 'api');
}

/** The `answerTimeout` the tests of held answers give, rather than the default 10 s (which unit tests check). */
export const shortAnswerTimeout = 3_000;

/**
 * How long after the session opened the player gave up on the first held request (a `hang` fault's entry is
 * logged when its client closes it): the test's `answerTimeout`, not the default 10 s. The margin to 10 s
 * covers what came before that request (the manifest, a playlist).
 */
export function expectGivenUpAfterShortTimeout(log: { kind: string; rule: string; time: number }[]): void {
  const opened = log.find((entry) => entry.kind === 'session')!.time;
  const gaveUp = log.find((entry) => entry.rule === 'fault-hang')!.time;
  expect(gaveUp - opened).toBeGreaterThanOrEqual(shortAnswerTimeout);
  expect(gaveUp - opened).toBeLessThan(10_000);
}
