import { screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { commands, userEvent } from 'vitest/browser';
import type {} from '../../../scripts/vitest/requestFaults';
import { type PrivateVideoError, PrivateVideoPlayer } from '../src/index.js';
import {
  control,
  deliveryLog,
  playedPast,
  renderPage,
  resetEmulatorEachTest,
  signal,
  waitForElement,
} from './browserHelpers.js';

resetEmulatorEachTest();

afterEach(async () => {
  await commands.clearRequestFaults();
});

// Each engine's chunk is imported for the first time in this file: the failed download is the first one.
it.each([
  ['hls.js', 'hlsEngine.ts'],
  ['video.js', 'videojsEngine.ts'],
] as const)(
  'an engine that cannot be downloaded (offline) says so, and "Try again" downloads it and plays on the same session (%s)',
  async (engine, chunk) => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    await commands.failNextRequest(`/engines/${chunk}`);
    const failed = signal<PrivateVideoError>();
    // The retry's video (video.js makes a new one): the first that plays.
    const playing = signal<HTMLVideoElement>();
    renderPage(
      <PrivateVideoPlayer
        videoId="viPrivateTs"
        privateToken={privateToken}
        engine={engine}
        muted
        autoPlay
        onError={failed.resolve}
        onPlaying={(event) => playing.resolve(event.currentTarget)}
      />,
    );
    const error = await failed.promise;
    expect(error).toMatchObject({ code: 'network' });
    expect(error.message).toContain(`Could not download the ${engine} engine`);
    const alert = await waitForElement(() => screen.queryByRole('alert'));
    expect(alert.textContent).toContain('Check your connection and try again.');
    // The session opened while the engine downloaded; the alert's retry must not spend another token.
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await playedPast(await playing.promise, 1);
    const log = await deliveryLog('viPrivateTs');
    expect(log.filter((entry) => entry.kind === 'session')).toHaveLength(1);
    expect(log.filter((entry) => entry.kind === 'manifest').length).toBeGreaterThan(0);
  },
);
