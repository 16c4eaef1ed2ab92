// A connection that drops mid-play fails the player as `network` ("check your connection"), not as a video
// that cannot be played; "Try again" plays on, on the same session, once the connection is back.
import type { PlaybackEngineName, PrivateVideoError } from '@private-video/core';
import { screen } from '@testing-library/react';
import videojs from 'video.js';
import { afterEach, describe, expect, it } from 'vitest';
import { commands, userEvent } from 'vitest/browser';
import type {} from '../../../scripts/vitest/requestFaults';
import { shortVhsBuffers } from '../../../scripts/vitest/shortVhsBuffers';
import { PrivateVideoPlayer } from '../src/index.js';
import {
  captureVideo,
  control,
  deliveryLog,
  playedPast,
  renderPage,
  resetEmulatorEachTest,
  signal,
  waitForElement,
} from './browserHelpers.js';

resetEmulatorEachTest();
shortVhsBuffers(videojs);

afterEach(async () => {
  await commands.clearRequestFaults();
});

/** The viewer's connection drops: every media request of the delivery fails at the network level. */
async function goOffline() {
  const ends = ['.ts', '.m3u8', 'source.mp4', 'thumbnail.jpg', '/session'];
  for (const end of ends) for (let i = 0; i < 40; i++) await commands.failNextRequest(end);
}

const engines: PlaybackEngineName[] = ['hls.js', 'video.js'];

describe.each(engines)("%s: the viewer's connection drops mid-play", (engine) => {
  it('tells the viewer to check their connection (code network), and "Try again" plays on once back', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    const failed = signal<PrivateVideoError>();
    const errors: PrivateVideoError[] = [];
    const video = captureVideo();
    renderPage(
      <PrivateVideoPlayer
        ref={video.ref}
        videoId="viPrivateTs"
        privateToken={privateToken}
        engine={engine}
        controls
        muted
        autoPlay
        hlsConfig={{ maxBufferLength: 1, maxMaxBufferLength: 1 }}
        onError={(error) => {
          errors.push(error);
          failed.resolve(error);
        }}
      />,
    );
    const element = await video.promise;
    const position = await playedPast(element, 1);
    await goOffline();
    const error = await failed.promise;
    const alert = await waitForElement(() => screen.queryByRole('alert'));
    const seen = { code: error.code, text: alert.textContent };
    await commands.clearRequestFaults();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    const again = await waitForElement(() => {
      const current = document.querySelector('video');
      return current && !current.hidden && current.readyState >= 2 ? current : null;
    });
    await playedPast(again, position + 0.5);
    expect(errors).toHaveLength(1);
    expect((await deliveryLog('viPrivateTs')).filter((entry) => entry.kind === 'session')).toHaveLength(1);
    expect(seen).toEqual({
      code: 'network',
      text: 'The video could not be reached. Check your connection and try again.Try again',
    });
  }, 60_000);
});
