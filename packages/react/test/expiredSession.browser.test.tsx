import { type GetPrivateToken, type PrivateVideoError, SessionClient } from '@private-video/core';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PrivateThumbnail, PrivateVideoPlayer, PrivateVideoProvider } from '../src/index.js';
import {
  control,
  deliveryLog,
  domains,
  painted,
  renderPage,
  resetEmulatorEachTest,
  waitForElement,
} from './browserHelpers.js';

resetEmulatorEachTest();

const videoId = 'viGrid07';
const mint: GetPrivateToken = async () => (await control.mintToken(videoId)).privateToken;

/**
 * A single-page app open for longer than a session lives: an earlier view opened the session (a title and a
 * download link, say: the browser has no copy of the thumbnail), and the viewer comes back to the video a day
 * later. The client's clock says the session has expired.
 */
async function comingBackADayLater(getPrivateToken?: GetPrivateToken) {
  const { privateToken } = await control.mintToken(videoId);
  let now = Date.now();
  const client = new SessionClient({ domains, storage: null, now: () => now, getPrivateToken });
  await client.getSession({ videoId, privateToken });
  now += 25 * 3_600_000;
  return { client, privateToken };
}

const kinds = async (kind: string) =>
  (await deliveryLog(videoId)).filter((entry) => entry.kind === kind).map((entry) => entry.status);

describe('a video whose session the client knows has expired', () => {
  it('has its thumbnail shown with a renewed session, never asked for with the dead one', async () => {
    const { client, privateToken } = await comingBackADayLater(mint);
    const errors: PrivateVideoError[] = [];
    renderPage(
      <PrivateThumbnail
        videoId={videoId}
        privateToken={privateToken}
        alt="Intro"
        width={320}
        onError={(error) => errors.push(error)}
      />,
      { client },
    );
    const image = await waitForElement(() => {
      const found = screen.queryByAltText('Intro');
      return found instanceof HTMLImageElement ? found : null;
    });
    await painted(image);
    expect(errors).toEqual([]);
    expect(await kinds('session')).toEqual([200, 200]);
    expect(await kinds('thumbnail')).toEqual([200]);
  });

  it.each([
    ['with a getPrivateToken', mint],
    ['without one', undefined],
  ])(
    'keeps a thumbnail that loaded when its session expires, at its next render (%s): no renewal, no error',
    async (_, getPrivateToken) => {
      const { privateToken } = await control.mintToken(videoId);
      let now = Date.now();
      const client = new SessionClient({ domains, storage: null, now: () => now, getPrivateToken });
      const page = (className: string) => (
        <PrivateThumbnail
          videoId={videoId}
          privateToken={privateToken}
          alt="Intro"
          width={320}
          openSession="eager"
          className={className}
        />
      );
      const { rerender } = renderPage(page('first'), { client });
      const image = () => {
        const found = screen.queryByAltText('Intro');
        return found instanceof HTMLImageElement && found.src.includes('avh=') ? found : null;
      };
      const first = await painted(await waitForElement(image));
      now += 25 * 3_600_000;
      await control.expireSessions({ videoId });
      // Rendered again a day later (any prop: a class for the selected card, say): its pixels need no session.
      rerender(<PrivateVideoProvider client={client}>{page('second')}</PrivateVideoProvider>);
      // The effects have run (`rerender` acts): an open would be under way, a renewal at least.
      expect(client.video({ videoId, privateToken }).getState().status).toBe('open');
      expect(image()).toBe(first);
      expect(first.naturalWidth).toBeGreaterThan(0);
      expect(screen.queryByRole('status')).toBeNull();
      expect(await kinds('session')).toEqual([200]);
      expect(await kinds('thumbnail')).toEqual([200]);
    },
  );

  it('says the session expired where nothing can renew it, with no "Try again" that cannot help', async () => {
    const { client, privateToken } = await comingBackADayLater();
    renderPage(<PrivateThumbnail videoId={videoId} privateToken={privateToken} alt="Intro" width={320} />, {
      client,
    });
    const alert = await waitForElement(() => screen.queryByRole('status'));
    expect(alert.dataset.privateVideoError).toBe('session-expired');
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(await kinds('thumbnail')).toEqual([]);
  });

  it("has the player's poster signed with the renewed session", async () => {
    const { client, privateToken } = await comingBackADayLater(mint);
    const states: string[] = [];
    renderPage(
      <PrivateVideoPlayer
        videoId={videoId}
        privateToken={privateToken}
        controls
        preload="none"
        onStateChange={(state) => states.push(state)}
      />,
      { client },
    );
    await waitForElement(() => states.includes('loading') || null);
    const renewed = client.video({ videoId, privateToken }).getState().session!.token;
    const video = document.querySelector('video')!;
    expect(new URL(video.poster).searchParams.get('avh')).toBe(renewed);
    expect(await kinds('session')).toEqual([200, 200]);
  });
});
