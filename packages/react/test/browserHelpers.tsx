import { createEmulatorControl } from '@private-video/emulator/control';
import type {} from '@private-video/emulator/vitest-context';
import { cleanup, type RenderResult, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, inject } from 'vitest';
import { PrivateVideoProvider, type PrivateVideoProviderProps } from '../src/index.js';

export { once, playedPast } from '@private-video/test-utils';

export const emulatorUrl = inject('emulatorUrl');
export const control = createEmulatorControl(emulatorUrl);
export const domains = { vod: emulatorUrl, live: emulatorUrl };

/** Each test starts with a clean emulator and an empty page. */
export function resetEmulatorEachTest(): void {
  beforeEach(async () => {
    await control.reset();
  });
  afterEach(() => {
    cleanup();
  });
}

/** Renders under a provider with its own client (no storage, so nothing leaks between tests). */
export function renderPage(ui: ReactNode, provider: PrivateVideoProviderProps = {}): RenderResult {
  const props = provider.client ? provider : { domains, storage: null, ...provider };
  return render(<PrivateVideoProvider {...props}>{ui}</PrivateVideoProvider>);
}

/**
 * Resolves with the element once `find` returns it (polled on animation frames, no fixed sleeps). On a
 * time-out, `state` adds what the test knows (its callbacks' calls, say) to the message.
 */
export function waitForElement<T>(
  find: () => T | null | undefined,
  { timeout = 20_000, state }: { timeout?: number; state?: () => unknown } = {},
): Promise<T> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      const found = find();
      if (found) return resolve(found);
      if (performance.now() - started > timeout) return reject(new Error(timedOut(find, state)));
      requestAnimationFrame(check);
    };
    check();
  });
}

/** Says which wait missed (its condition's source) and where the focus was, for a failure seen only in CI. */
function timedOut(find: () => unknown, state?: () => unknown): string {
  const focused = document.activeElement;
  const focus = focused instanceof HTMLButtonElement ? `button "${focused.textContent}"` : focused?.tagName;
  const known = state ? `, ${JSON.stringify(state())}` : '';
  return `Timed out waiting for ${find.toString().replace(/\s+/g, ' ')} (focus: ${focus}${known})`;
}

/** Resolves when the image has been decoded with real pixels. */
export async function painted(image: HTMLImageElement): Promise<HTMLImageElement> {
  await waitForElement(() => image.complete && image.naturalWidth > 0);
  return image;
}

/** The emulator's delivery log for one video (API calls left out). */
export async function deliveryLog(videoId: string) {
  const entries = await control.log();
  return entries.filter((entry) => entry.videoId === videoId && entry.kind !== 'api');
}

/** A token that has already opened its one session elsewhere: the next `/session` gets 404. */
export async function spentToken(videoId: string): Promise<string> {
  const minted = await control.mintToken(videoId);
  await fetch(minted.urls.session, { cache: 'no-store' });
  return minted.privateToken;
}

/**
 * A `getPrivateToken` whose first `spent` answers are spent tokens (spent here, before it is used), and whose
 * later answers are fresh ones; `calls()` counts its calls. An open and a renewal each replace a token found
 * spent through `getPrivateToken` once, and fail as `token-used` only when the replacement is spent too: an
 * open of a spent token fails with one spent answer, each "Try again" after it with two more.
 */
export async function getPrivateTokenSpentFirst(videoId: string, spent = 1) {
  const tokens = await Promise.all(Array.from({ length: spent }, () => spentToken(videoId)));
  let calls = 0;
  const getPrivateToken = async () => tokens[calls++] ?? (await control.mintToken(videoId)).privateToken;
  return { getPrivateToken, calls: () => calls };
}

/** A promise and its resolver, for callbacks a test waits on. */
export function signal<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

/** A ref callback that resolves with the player's `<video>` (created later with video.js). */
export function captureVideo() {
  const { promise, resolve } = signal<HTMLVideoElement>();
  return {
    promise,
    ref: (element: HTMLVideoElement | null) => {
      if (element) resolve(element);
    },
  };
}
