// A connection that drops mid-play: the player waits for it (`reconnectTimeout`), then plays on where the viewer
// is, on HLS, with what it had buffered. Past the wait, it fails as `network` ("check your connection"), not as a
// video that cannot be played; "Try again" plays on, on the same session, once the connection is back.
import type { PlaybackEngineName, PrivateVideoError } from '@private-video/core';
import { screen } from '@testing-library/react';
import type { ComponentProps } from 'react';
import videojs from 'video.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

/** The viewer's connection drops: every request of the delivery fails at the network level, until cleared. */
async function goOffline() {
  for (const end of ['.ts', '.m3u8', 'source.mp4', 'thumbnail.jpg', '/session'])
    await commands.failRequests(end);
}

const engines: PlaybackEngineName[] = ['hls.js', 'video.js'];

/** A muted autoplaying player of `viPrivateTs` that buffers 1 s ahead (hls.js), so a drop soon stops the picture. */
function renderPlayer(privateToken: string, props: Partial<ComponentProps<typeof PrivateVideoPlayer>>) {
  renderPage(
    <PrivateVideoPlayer
      videoId="viPrivateTs"
      privateToken={privateToken}
      muted
      autoPlay
      hlsConfig={{ maxBufferLength: 1, maxMaxBufferLength: 1 }}
      {...props}
    />,
  );
}

describe.each(engines)("%s: the viewer's connection drops mid-play", (engine) => {
  it('tells the viewer to check their connection (code network) once the wait is over, and "Try again" plays on once back', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    const failed = signal<PrivateVideoError>();
    const errors: PrivateVideoError[] = [];
    const video = captureVideo();
    renderPlayer(privateToken, {
      ref: video.ref,
      engine,
      controls: true,
      reconnectTimeout: 1_000,
      onError: (error) => {
        errors.push(error);
        failed.resolve(error);
      },
    });
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

describe.each(engines)("%s: the viewer's connection drops for a few seconds", (engine) => {
  it('plays on where the viewer is once it is back: on HLS, no fallback, no error, the same session', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    const events: string[] = [];
    const video = captureVideo();
    renderPlayer(privateToken, {
      ref: video.ref,
      engine,
      onFallback: () => events.push('fallback'),
      onError: (error) => events.push(`error ${error.code}`),
    });
    const element = await video.promise;
    await playedPast(element, 1);
    await goOffline();
    // The engine gave up on what got no answer, and the player checked the delivery: it got none either (the
    // check asks for the manifest, which the engines asked for only at the start).
    await vi.waitFor(
      async () =>
        expect((await commands.failedRequests()).some((url) => url.includes('/manifest.m3u8'))).toBe(true),
      { timeout: 30_000, interval: 100 },
    );
    const position = element.currentTime;
    await commands.clearRequestFaults();
    await playedPast(element, position + 1.5);
    expect(events).toEqual([]);
    expect(document.querySelector('video')).toBe(element);
    const log = await deliveryLog('viPrivateTs');
    expect(log.filter((entry) => entry.kind === 'session')).toHaveLength(1);
    expect(log.filter((entry) => entry.kind === 'mp4')).toEqual([]);
  }, 60_000);
});
