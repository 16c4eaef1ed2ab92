import { screen } from '@testing-library/react';
import { expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { type PrivateVideoError, PrivateVideoPlayer } from '../src/index.js';
import {
  captureVideo,
  control,
  renderPage,
  resetEmulatorEachTest,
  signal,
  waitForElement,
} from './browserHelpers.js';

resetEmulatorEachTest();

it('"Try again" after a failure mid-play starts where the viewer was, not at 0 s (hls.js)', async () => {
  const { privateToken } = await control.mintToken('viPrivateTs');
  // Two 2 s segments play, then every later one fails (on both renditions) until hls.js gives up.
  await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'segment' }, status: 500, after: 2 });
  const failed = signal<PrivateVideoError>();
  const video = captureVideo();
  let lastTime = 0;
  renderPage(
    <PrivateVideoPlayer
      ref={video.ref}
      videoId="viPrivateTs"
      privateToken={privateToken}
      fallback={false}
      hlsConfig={{ maxBufferLength: 1, maxMaxBufferLength: 1 }}
      muted
      autoPlay
      onTimeUpdate={(event) => {
        lastTime = Math.max(lastTime, event.currentTarget.currentTime);
      }}
      onError={failed.resolve}
    />,
  );
  const element = await video.promise;
  expect(await failed.promise).toMatchObject({ code: 'media', status: 500 });
  expect(lastTime).toBeGreaterThan(1.5); // it failed mid-play, not at the start
  await control.clearFaults();
  const resumedAt = new Promise<number>((resolve) =>
    element.addEventListener('playing', () => resolve(element.currentTime), { once: true }),
  );
  await userEvent.click(await waitForElement(() => screen.queryByRole('button', { name: 'Try again' })));
  expect(await resumedAt).toBeGreaterThan(lastTime - 1);
});
