import type { PlaybackState, PrivateVideoError } from '@private-video/core';
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { PrivateVideoPlayer } from '../src/index.js';
import {
  captureVideo,
  control,
  deliveryLog,
  getPrivateTokenSpentFirst,
  playedPast,
  renderPage,
  resetEmulatorEachTest,
  signal,
  spentToken,
  waitForElement,
} from './browserHelpers.js';

// What the library deals with itself says nothing to the console, and a retry shows at once that it works.

resetEmulatorEachTest();

let consoleErrors: string[] = [];
beforeEach(() => {
  consoleErrors = [];
  vi.spyOn(console, 'error').mockImplementation((...args) => {
    consoleErrors.push(args.map(String).join(' '));
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('video.js: a manifest that fails, then the mp4 plays', () => {
  it('writes no console error (video.js writes its own as a warning): the failure was handled', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'manifest' }, status: 500 });
    const onError = vi.fn();
    const fellBack = signal();
    const video = captureVideo();
    renderPage(
      <PrivateVideoPlayer
        ref={video.ref}
        videoId="viPrivateTs"
        privateToken={privateToken}
        engine="video.js"
        muted
        autoPlay
        onFallback={() => fellBack.resolve()}
        onError={onError}
      />,
    );
    await fellBack.promise;
    await playedPast(await video.promise, 1);
    expect(onError).not.toHaveBeenCalled();
    expect(consoleErrors).toEqual([]);
  }, 40_000);
});

describe('a failure no onError handles', () => {
  it('is written to the console once, with its cause: a mistyped engine, as plain JavaScript lets through', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    renderPage(
      <PrivateVideoPlayer
        videoId="viPrivateTs"
        privateToken={privateToken}
        // What TypeScript would refuse (a JavaScript app's typo): the viewer reads "cannot be played".
        engine={'videojs' as 'video.js'}
        muted
      />,
    );
    const alert = await screen.findByRole('alert', {}, { timeout: 20_000 });
    expect(alert.dataset.privateVideoError).toBe('unsupported');
    // Reported by the effect of the render that showed the alert: after it is painted.
    await vi.waitFor(() =>
      expect(consoleErrors).toEqual([
        expect.stringMatching(/^PrivateVideoError: Unknown engine "videojs": expected/),
      ]),
    );
  }, 40_000);
});

describe('"Try again" that renews through a slow getPrivateToken', () => {
  it('replaces the alert with the opening player at once; the renewal spends one token', async () => {
    const privateToken = await spentToken('viPrivateTs');
    // The open's replacement comes at once, spent too (the open fails as `token-used`); the retry's waits for
    // the backend.
    const tokens = await getPrivateTokenSpentFirst('viPrivateTs');
    await control.clearLog();
    const backendAnswers = signal();
    const getPrivateToken = async () => {
      if (tokens.calls() > 0) await backendAnswers.promise;
      return tokens.getPrivateToken();
    };
    const states: PlaybackState[] = [];
    const errors: PrivateVideoError[] = [];
    const video = captureVideo();
    renderPage(
      <PrivateVideoPlayer
        ref={video.ref}
        videoId="viPrivateTs"
        privateToken={privateToken}
        controls
        muted
        autoPlay
        getPrivateToken={getPrivateToken}
        onStateChange={(state) => states.push(state)}
        onError={(error) => errors.push(error)}
      />,
    );
    const alert = await waitForElement(() => screen.queryByRole('alert'));
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    // While the backend has not answered yet: the alert is gone, the new player says its session opens.
    await waitForElement(() => !alert.isConnected || null);
    expect(states.at(-1)).toBe('opening-session');
    backendAnswers.resolve();
    await playedPast(await video.promise, 1);
    expect(tokens.calls()).toBe(2); // the open's replacement, and the renewal's one token
    const sessions = (await deliveryLog('viPrivateTs')).filter((entry) => entry.kind === 'session');
    expect(sessions.map((entry) => entry.status)).toEqual([404, 404, 200]);
    expect(errors.map((error) => error.code)).toEqual(['token-used']);
  }, 40_000);
});
