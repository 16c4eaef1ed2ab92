import type { PlaybackEngineName } from '@private-video/core';
import { act, screen } from '@testing-library/react';
import { type ComponentProps, useState } from 'react';
import videojs from 'video.js';
import { describe, expect, it } from 'vitest';
import { shortVhsBuffers } from '../../../scripts/vitest/shortVhsBuffers';
import { PrivateVideoPlayer } from '../src/index.js';
import {
  captureVideo,
  control,
  playedPast,
  renderPage,
  resetEmulatorEachTest,
  waitForElement,
} from './browserHelpers.js';

// Playback that fails replaces the video with an alert: the focus the player had goes to the alert's
// "Try again", instead of falling to the page. Focus that was elsewhere stays where it was.

resetEmulatorEachTest();

shortVhsBuffers(videojs);

const engines: PlaybackEngineName[] = ['hls.js', 'video.js'];

/** What has the focus when playback fails: inside the player, nothing, or a control beside it. */
const focusings = {
  // hls.js: the `<video>` with its native controls; video.js: its play button.
  'the player': (video: HTMLVideoElement) =>
    (
      video.closest<HTMLElement>('.video-js')?.querySelector<HTMLElement>('.vjs-play-control') ?? video
    ).focus(),
  nothing: () => {},
  'a control beside it': () => screen.getByRole('button', { name: 'Elsewhere' }).focus(),
};

/**
 * A player beside a button, playing past 1 s, with the focus where `focusing` puts it; then its session dies on
 * the delivery. Resolves with what had the focus then.
 */
async function playThenKillSession(
  engine: PlaybackEngineName,
  focusing: keyof typeof focusings,
  getPrivateToken?: () => Promise<string>,
) {
  const { privateToken } = await control.mintToken('viPrivateTs');
  const video = captureVideo();
  renderPage(
    <>
      <PrivateVideoPlayer
        ref={video.ref}
        videoId="viPrivateTs"
        privateToken={privateToken}
        engine={engine}
        controls
        muted
        autoPlay
        getPrivateToken={getPrivateToken}
        hlsConfig={{ maxBufferLength: 2, maxMaxBufferLength: 2 }}
      />
      <button type="button">Elsewhere</button>
    </>,
  );
  const element = await video.promise;
  await playedPast(element, 1);
  focusings[focusing](element);
  const focused = document.activeElement;
  expect(focused === document.body).toBe(focusing === 'nothing');
  await control.expireSessions({ videoId: 'viPrivateTs' });
  return focused;
}

describe.each(engines)('PrivateVideoPlayer (%s), failing mid-play', (engine) => {
  it.each(Object.keys(focusings) as (keyof typeof focusings)[])('focus on %s', async (focusing) => {
    // The session dies and cannot be renewed: `renewal-failed`, whose alert offers "Try again".
    const focused = await playThenKillSession(engine, focusing, async () => {
      throw new Error('The backend is down');
    });
    const alert = await waitForElement(() =>
      document.querySelector('[data-private-video-error="renewal-failed"]'),
    );
    const button = screen.getByRole('button', { name: 'Try again' });
    expect(alert.contains(button)).toBe(true);
    expect(document.activeElement).toBe(focusing === 'the player' ? button : focused);
  });
});

describe.each(engines)('PrivateVideoPlayer (%s), failing mid-play with no "Try again"', (engine) => {
  it.each(['the player', 'a control beside it'] as const)('focus on %s', async (focusing) => {
    // No getPrivateToken: the dead session fails as `session-expired`, which no retry gets past.
    const focused = await playThenKillSession(engine, focusing);
    const alert = await waitForElement(() =>
      document.querySelector<HTMLElement>('[data-private-video-error="session-expired"]'),
    );
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    // A keyboard user's place goes to the alert that replaced what they were on (by script only: no tab stop).
    expect(document.activeElement).toBe(focusing === 'the player' ? alert : focused);
  });
});

/** A player that `expose`'s function renders again (an attribute of its `<video>` counts the renders). */
function RendersAgain({
  expose,
  ...props
}: ComponentProps<typeof PrivateVideoPlayer> & { expose: (renderAgain: () => void) => void }) {
  const [renders, setRenders] = useState(1);
  expose(() => setRenders((count) => count + 1));
  return <PrivateVideoPlayer {...props} data-renders={renders} />;
}

describe.each(engines)('PrivateVideoPlayer (%s), its alert with the focus', (engine) => {
  it('keeps the focus when the page around it renders again', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    const video = captureVideo();
    let renderAgain!: () => void;
    renderPage(
      <RendersAgain
        expose={(render) => {
          renderAgain = render;
        }}
        ref={video.ref}
        videoId="viPrivateTs"
        privateToken={privateToken}
        engine={engine}
        controls
        muted
        autoPlay
        hlsConfig={{ maxBufferLength: 2, maxMaxBufferLength: 2 }}
      />,
    );
    const element = await video.promise;
    await playedPast(element, 1);
    focusings['the player'](element);
    await control.expireSessions({ videoId: 'viPrivateTs' });
    // `session-expired`: no "Try again", so the alert itself takes the focus.
    const alert = await waitForElement(() =>
      document.activeElement?.getAttribute('data-private-video-error') === 'session-expired'
        ? document.activeElement
        : null,
    );
    act(() => renderAgain());
    expect(alert.isConnected).toBe(true);
    expect(document.activeElement).toBe(alert);
  });
});
