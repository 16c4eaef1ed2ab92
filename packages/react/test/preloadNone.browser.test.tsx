import type { PlaybackEngineName } from '@private-video/core';
import { screen } from '@testing-library/react';
import videojs from 'video.js';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { shortVhsBuffers } from '../../../scripts/vitest/shortVhsBuffers';
import { PrivateVideoPlayer } from '../src/index.js';
import {
  captureVideo,
  control,
  deliveryLog,
  getPrivateTokenSpentFirst,
  playedPast,
  renderPage,
  resetEmulatorEachTest,
  spentToken,
  waitForElement,
} from './browserHelpers.js';

resetEmulatorEachTest();

shortVhsBuffers(videojs);

const videoId = 'viPrivateTs';
const streamKinds = new Set(['manifest', 'playlist', 'segment', 'init', 'key', 'subtitle', 'mp4']);

/** The player's signed poster has loaded: a request the open session made once the player had mounted. */
async function posterLoaded(video: HTMLVideoElement): Promise<void> {
  const src = await waitForElement(() => video.getAttribute('poster'));
  const poster = new Image();
  poster.src = src;
  await poster.decode();
}

describe.each<PlaybackEngineName>(['hls.js', 'video.js', 'native'])('%s with preload="none"', (engine) => {
  it('loads no stream until the viewer plays (native controls: Space; video.js: its big play button), then plays it signed', async () => {
    const { privateToken } = await control.mintToken(videoId);
    const states: string[] = [];
    const video = captureVideo();
    renderPage(
      <PrivateVideoPlayer
        ref={video.ref}
        videoId={videoId}
        privateToken={privateToken}
        engine={engine}
        preload="none"
        controls
        muted
        playsInline
        style={{ width: 640, height: 360 }}
        onStateChange={(state) => states.push(state)}
      />,
    );
    const element = await video.promise;
    expect(element.preload).toBe('none');
    await waitForElement(() => states.includes('loading') && element.getAttribute('src'));
    await posterLoaded(element);
    const before = await deliveryLog(videoId);
    expect(before.filter((entry) => streamKinds.has(entry.kind))).toEqual([]);
    expect(states.at(-1)).toBe('loading');

    if (engine === 'video.js') {
      (await waitForElement(() => document.querySelector<HTMLElement>('.vjs-big-play-button'))).click();
    } else {
      // The native controls, by keyboard: Space on the focused video plays it, as their play button does
      // (headless Chromium's controls take no pointer click here, not even on the mp4 the browser plays itself).
      element.focus();
      await userEvent.keyboard(' ');
    }
    await playedPast(element, 1);

    const log = await deliveryLog(videoId);
    expect(log.filter((entry) => entry.kind === 'session')).toHaveLength(1);
    expect(log.filter((entry) => entry.kind !== 'session' && !entry.avh)).toEqual([]);
    expect(log.filter((entry) => entry.status >= 400)).toEqual([]);
    expect(states.at(-1)).toBe('playing');
  });

  it('"Try again" gives the focus to the video it brought back, though nothing loads until the viewer plays', async () => {
    const privateToken = await spentToken(videoId);
    // The open's replacement is spent too (the open fails as `token-used`); the retry's is fresh.
    const { getPrivateToken } = await getPrivateTokenSpentFirst(videoId);
    let rendered: HTMLVideoElement | null = null;
    const states: string[] = [];
    renderPage(
      <PrivateVideoPlayer
        ref={(element) => {
          rendered = element; // video.js players create a new <video> each time they start
        }}
        videoId={videoId}
        privateToken={privateToken}
        engine={engine}
        preload="none"
        controls
        muted
        playsInline
        getPrivateToken={getPrivateToken}
        onStateChange={(state) => states.push(state)}
      />,
    );
    const button = await waitForElement(() => screen.queryByRole('button', { name: 'Try again' }));
    button.focus(); // where a click or the keyboard leaves it
    button.click();
    const focused = await waitForElement(
      () => (document.activeElement instanceof HTMLVideoElement ? document.activeElement : null),
      { state: () => ({ states }) },
    );
    expect(focused).toBe(rendered);
    expect(focused.paused).toBe(true);
    expect(states.at(-1)).toBe('loading');
  });

  it('starts at once with autoPlay', async () => {
    const { privateToken } = await control.mintToken(videoId);
    const video = captureVideo();
    renderPage(
      <PrivateVideoPlayer
        ref={video.ref}
        videoId={videoId}
        privateToken={privateToken}
        engine={engine}
        preload="none"
        muted
        autoPlay
        playsInline
      />,
    );
    await playedPast(await video.promise, 1);
    const log = await deliveryLog(videoId);
    expect(log.filter((entry) => entry.kind === 'session')).toHaveLength(1);
    expect(log.filter((entry) => entry.kind !== 'session' && !entry.avh)).toEqual([]);
  });
});
