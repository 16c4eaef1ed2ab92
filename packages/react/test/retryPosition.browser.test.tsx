import { screen } from '@testing-library/react';
import videojs from 'video.js';
import { expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { shortVhsBuffers } from '../../../scripts/vitest/shortVhsBuffers';
import {
  type GetPrivateToken,
  type PrivateVideoError,
  PrivateVideoPlayer,
  PrivateVideoProvider,
  type SessionRenewedEvent,
} from '../src/index.js';
import {
  control,
  domains,
  playedPast,
  renderPage,
  resetEmulatorEachTest,
  signal,
  waitForElement,
} from './browserHelpers.js';

resetEmulatorEachTest();

shortVhsBuffers(videojs);

it.each(['hls.js', 'video.js'] as const)(
  '"Try again" after a failure mid-play starts where the viewer was, not at 0 s (%s)',
  async (engine) => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    // Two 2 s segments play, then every later one fails (on both renditions) until the engine gives up.
    await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'segment' }, status: 500, after: 2 });
    const failed = signal<PrivateVideoError>();
    let resumed: ((time: number) => void) | undefined;
    let lastTime = 0;
    renderPage(
      <PrivateVideoPlayer
        videoId="viPrivateTs"
        privateToken={privateToken}
        engine={engine}
        fallback={false}
        hlsConfig={{ maxBufferLength: 1, maxMaxBufferLength: 1 }}
        muted
        autoPlay
        onTimeUpdate={(event) => {
          lastTime = Math.max(lastTime, event.currentTarget.currentTime);
        }}
        // The retry's video (video.js makes a new one): where it first plays.
        onPlaying={(event) => resumed?.(event.currentTarget.currentTime)}
        onError={failed.resolve}
      />,
    );
    expect(await failed.promise).toMatchObject({ code: 'media' });
    expect(lastTime).toBeGreaterThan(1.5); // it failed mid-play, not at the start
    await control.clearFaults();
    const resumedAt = new Promise<number>((resolve) => {
      resumed = resolve;
    });
    await userEvent.click(await waitForElement(() => screen.queryByRole('button', { name: 'Try again' })));
    expect(await resumedAt).toBeGreaterThan(lastTime - 1);
  },
);

it.each(['hls.js', 'video.js'] as const)(
  '"Try again" gives back what the viewer had: playing (without autoPlay), unmuted at half volume (%s)',
  async (engine) => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'segment' }, status: 500, after: 2 });
    const failed = signal<PrivateVideoError>();
    const loaded = signal<HTMLVideoElement>();
    let playing: ((video: HTMLVideoElement) => void) | undefined;
    renderPage(
      <PrivateVideoPlayer
        videoId="viPrivateTs"
        privateToken={privateToken}
        engine={engine}
        fallback={false}
        hlsConfig={{ maxBufferLength: 1, maxMaxBufferLength: 1 }}
        controls
        muted
        onLoadedMetadata={(event) => loaded.resolve(event.currentTarget)}
        onPlaying={(event) => playing?.(event.currentTarget)}
        onError={failed.resolve}
      />,
    );
    const first = await loaded.promise;
    // What the viewer does with the controls: play, unmute, half volume.
    await first.play();
    first.muted = false;
    first.volume = 0.5;
    expect(await failed.promise).toMatchObject({ code: 'media' });
    await control.clearFaults();
    const again = new Promise<HTMLVideoElement>((resolve) => {
      playing = resolve;
    });
    await userEvent.click(await waitForElement(() => screen.queryByRole('button', { name: 'Try again' })));
    const video = await again;
    expect({ muted: video.muted, volume: video.volume }).toEqual({ muted: false, volume: 0.5 });
  },
);

it('a getPrivateToken given after "Try again" (once the app\'s auth has loaded) renews the session the delivery ends', async () => {
  const { privateToken } = await control.mintToken('viPrivateTs');
  await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'manifest' }, status: 500 });
  const errors: string[] = [];
  const failedAgain = signal<string>();
  const renewed = signal<SessionRenewedEvent>();
  let playing: ((video: HTMLVideoElement) => void) | undefined;
  const player = (getPrivateToken?: GetPrivateToken) => (
    <PrivateVideoPlayer
      videoId="viPrivateTs"
      privateToken={privateToken}
      fallback={false}
      hlsConfig={{ maxBufferLength: 2, maxMaxBufferLength: 2 }}
      muted
      autoPlay
      getPrivateToken={getPrivateToken}
      onPlaying={(event) => playing?.(event.currentTarget)}
      onError={(error) => {
        if (errors.push(error.code) === 2) failedAgain.resolve(`failed again: ${error.code}`);
      }}
      onSessionRenewed={renewed.resolve}
    />
  );
  const { rerender } = renderPage(player());
  const button = await waitForElement(() => screen.queryByRole('button', { name: 'Try again' }));
  await control.clearFaults();
  const again = new Promise<HTMLVideoElement>((resolve) => {
    playing = resolve;
  });
  await userEvent.click(button);
  const video = await again;
  rerender(
    <PrivateVideoProvider domains={domains} storage={null}>
      {player(async () => (await control.mintToken('viPrivateTs')).privateToken)}
    </PrivateVideoProvider>,
  );
  const position = await playedPast(video, 0.5);
  await control.expireSessions({ videoId: 'viPrivateTs' });
  // Without that getPrivateToken, the retried player fails as `session-expired` here.
  expect(await Promise.race([renewed.promise.then(() => 'renewed'), failedAgain.promise])).toBe('renewed');
  await playedPast(video, position + 2);
  expect(errors).toHaveLength(1);
});
