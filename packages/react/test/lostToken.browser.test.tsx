import { type GetPrivateToken, SessionClient } from '@private-video/core';
import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { PrivateThumbnail, PrivateVideoPlayer } from '../src/index.js';
import {
  captureVideo,
  control,
  deliveryLog,
  domains,
  painted,
  playedPast,
  renderPage,
  resetEmulatorEachTest,
} from './browserHelpers.js';

resetEmulatorEachTest();

const videoId = 'viPrivateTs';

/**
 * A client whose first `/session` gives up (300 ms) before the delivery answers it (600 ms late, one time):
 * the delivery still opens that session, spending the token, as api.video does for a client gone. The retry
 * waits until it has (the emulator logs the late answer), then finds the token spent.
 */
async function slowFirstSession(getPrivateToken?: GetPrivateToken) {
  await control.addFault({ match: { kind: 'session' }, delayMs: 600, count: 1 });
  const answeredLate = async () => {
    const log = await deliveryLog(videoId);
    if (!log.some((entry) => entry.kind === 'session' && entry.status === 200)) throw new Error('not yet');
  };
  return new SessionClient({
    storage: null,
    domains,
    timeout: 300,
    retry: { retries: 1 },
    sleep: () => vi.waitFor(answeredLate, { timeout: 10_000, interval: 50 }),
    getPrivateToken,
  });
}

const mint: GetPrivateToken = async () => (await control.mintToken(videoId)).privateToken;

describe('a private token lost to a /session that gave up before the delivery answered it', () => {
  it.each([
    ['the client', 'thumbnail and player'],
    ['the player', 'player'],
  ] as const)(
    'is renewed through the getPrivateToken of %s (%s on the page): playback starts, no error is shown',
    async (giver, shown) => {
      const { privateToken } = await control.mintToken(videoId);
      const client = await slowFirstSession(giver === 'the client' ? mint : undefined);
      const onError = vi.fn();
      const video = captureVideo();
      renderPage(
        <>
          {shown === 'thumbnail and player' && (
            <PrivateThumbnail
              videoId={videoId}
              privateToken={privateToken}
              alt="Intro"
              openSession="eager"
              onError={onError}
            />
          )}
          <PrivateVideoPlayer
            ref={video.ref}
            videoId={videoId}
            privateToken={privateToken}
            engine="hls.js"
            muted
            autoPlay
            getPrivateToken={giver === 'the player' ? mint : undefined}
            onError={onError}
          />
        </>,
        { client },
      );
      await playedPast(await video.promise, 1);
      if (shown === 'thumbnail and player') await painted(screen.getByAltText('Intro') as HTMLImageElement);

      expect(onError).not.toHaveBeenCalled();
      expect(screen.queryByRole('alert')).toBeNull(); // the player's
      expect(screen.queryByRole('status')).toBeNull(); // the thumbnail's
      const log = await deliveryLog(videoId);
      const sessions = log.filter((entry) => entry.kind === 'session');
      // The late answer of the attempt that gave up, the retry finding the token spent, the renewal's.
      expect(sessions.map((entry) => entry.status)).toEqual([200, 404, 200]);
      expect(sessions.map((entry) => entry.privateToken === privateToken)).toEqual([true, true, false]);
      expect(log.filter((entry) => entry.kind !== 'session' && !entry.avh)).toEqual([]);
      expect(log.filter((entry) => entry.kind !== 'session' && entry.status >= 400)).toEqual([]);
    },
  );
});
