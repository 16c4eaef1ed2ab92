import { type PlaybackEngineName, SessionClient } from '@private-video/core';
import { screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { PrivateThumbnail, PrivateVideoPlayer } from '../src/index.js';
import {
  control,
  domains,
  getPrivateTokenSpentFirst,
  playedPast,
  renderPage,
  resetEmulatorEachTest,
  signal,
  spentToken,
  waitForElement,
} from './browserHelpers.js';

// "Try again" hands the focus on to what replaces its alert, as its button goes with it. A viewer who moved on
// while the retry ran (to another control of the page) keeps the focus where they put it.

resetEmulatorEachTest();

/** Renders `ui` beside another control, which the viewer moves to once "Try again" is clicked. */
async function retryThenMoveOn(ui: ReactNode, options: Parameters<typeof renderPage>[1] = {}) {
  renderPage(
    <>
      {ui}
      <button type="button">Elsewhere</button>
    </>,
    options,
  );
  const button = await waitForElement(() => screen.queryByRole('button', { name: 'Try again' }));
  button.focus(); // where a click or the keyboard leaves it
  button.click();
  const elsewhere = screen.getByRole('button', { name: 'Elsewhere' });
  elsewhere.focus();
  return { button, elsewhere };
}

describe('PrivateThumbnail, its session failed', () => {
  it.each([
    ['the image', 1],
    ['the next alert\'s "Try again"', 2],
  ])('a retry brings %s: the focus stays where the viewer moved it', async (_, failures) => {
    const { privateToken } = await control.mintToken('viGrid07');
    await control.addFault({ match: { videoId: 'viGrid07', kind: 'session' }, status: 503, count: failures });
    // The retry's `/session` waits until the viewer has moved on.
    const moved = signal();
    let requests = 0;
    const client = new SessionClient({
      domains,
      storage: null,
      retry: { retries: 0 },
      fetch: async (input, init) => {
        if (++requests === 2) await moved.promise;
        return fetch(input, init);
      },
    });
    // Eager: opened by its mount and the retry only. (With the viewport, the retry's placeholder coming into
    // view asks for an open too, which may run only after the retry's request failed, and open again.)
    const { button, elsewhere } = await retryThenMoveOn(
      <PrivateThumbnail
        videoId="viGrid07"
        privateToken={privateToken}
        alt="Later"
        width={320}
        openSession="eager"
      />,
      { client },
    );
    moved.resolve();
    // What a retry hands the focus on to, as it renders: the image, or a new alert's "Try again".
    await waitForElement(() => {
      if (failures === 1) return screen.queryByAltText('Later')?.tagName === 'IMG';
      const next = screen.queryByRole('button', { name: 'Try again' });
      return next && next !== button;
    });
    expect(document.activeElement).toBe(elsewhere);
  });
});

const engines: PlaybackEngineName[] = ['hls.js', 'video.js'];

describe.each(engines)('PrivateVideoPlayer (%s)', (engine) => {
  it('a retry brings the video back: the focus stays where the viewer moved it', async () => {
    const privateToken = await spentToken('viPrivateTs');
    // The open's replacement comes at once, spent too (the open fails as `token-used`); the retry's renewal
    // waits until the viewer has moved on.
    const tokens = await getPrivateTokenSpentFirst('viPrivateTs');
    const moved = signal();
    const playing = signal<HTMLVideoElement>();
    const errors: string[] = [];
    const { elsewhere } = await retryThenMoveOn(
      <PrivateVideoPlayer
        videoId="viPrivateTs"
        privateToken={privateToken}
        engine={engine}
        controls
        muted
        autoPlay
        getPrivateToken={async () => {
          if (tokens.calls() > 0) await moved.promise;
          return tokens.getPrivateToken();
        }}
        onPlaying={(event) => playing.resolve(event.currentTarget)}
        onError={(error) => errors.push(error.code)}
      />,
    );
    moved.resolve();
    // Playing: the renders that brought the video back, which would have focused it, are done.
    await playedPast(await playing.promise, 0.5);
    expect(document.activeElement).toBe(elsewhere);
    // The retry was of the spent token's failure (not of a renewal that waited too long for its token).
    expect(errors).toEqual(['token-used']);
    expect(tokens.calls()).toBe(2);
  });

  it('a retry that fails again: the focus stays where the viewer moved it', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'manifest' }, status: 500 });
    const { button, elsewhere } = await retryThenMoveOn(
      <PrivateVideoPlayer
        videoId="viPrivateTs"
        privateToken={privateToken}
        engine={engine}
        controls
        muted
        autoPlay
        fallback={false}
      />,
    );
    // The next alert, whose "Try again" would have taken the focus as it rendered (the retry's manifest request
    // cannot have failed before the viewer moved on, right after the click).
    await waitForElement(() => {
      const next = screen.queryByRole('button', { name: 'Try again' });
      return next && next !== button;
    });
    expect(document.activeElement).toBe(elsewhere);
  });
});
