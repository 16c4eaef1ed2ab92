import { type GetPrivateToken, SessionClient } from '@private-video/core';
import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { PrivateThumbnail, PrivateVideoPlayer } from '../src/index.js';
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

const videoId = 'viGrid04';

/**
 * A session the page keeps (an earlier view opened it; sessionStorage across a reload) that the delivery has
 * ended before its time: the page's clock still says it lives, so only a refusal tells.
 */
async function endedSession(getPrivateToken?: GetPrivateToken) {
  const { privateToken } = await control.mintToken(videoId);
  const client = new SessionClient({ domains, storage: null, getPrivateToken });
  await client.getSession({ videoId, privateToken });
  await control.expireSessions({ videoId });
  return { client, privateToken };
}

const statuses = async (kind: string) =>
  (await deliveryLog(videoId)).filter((entry) => entry.kind === kind).map((entry) => entry.status);

describe('a video whose session the delivery has ended before its time', () => {
  it("renews the thumbnail's session through getPrivateToken, and paints the new image", async () => {
    const getPrivateToken = vi.fn(async () => (await control.mintToken(videoId)).privateToken);
    const { client, privateToken } = await endedSession(getPrivateToken);
    renderPage(<PrivateThumbnail videoId={videoId} privateToken={privateToken} alt="Ended" />, { client });
    const image = await waitForElement(() => {
      const found = screen.queryByAltText('Ended');
      return found instanceof HTMLImageElement && !found.src.includes(privateToken) ? found : null;
    });
    await painted(image);
    expect(screen.queryByRole('status')).toBeNull();
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    expect(await statuses('session')).toEqual([200, 200]);
    expect(await statuses('thumbnail')).toEqual([404, 200]);
    expect(await statuses('manifest')).toEqual([404]); // the session check
    expect((await deliveryLog(videoId)).filter((entry) => entry.kind !== 'session' && !entry.avh)).toEqual(
      [],
    );
  });

  it("says the thumbnail's session has ended where no getPrivateToken can renew it", async () => {
    const { client, privateToken } = await endedSession();
    renderPage(<PrivateThumbnail videoId={videoId} privateToken={privateToken} alt="Ended" />, { client });
    const alert = await waitForElement(() => screen.queryByRole('status'));
    expect(alert.dataset.privateVideoError).toBe('session-expired');
    expect(within(alert).queryByRole('button')).toBeNull();
  });

  it("signs the player's poster with the session it renewed, not the ended one", async () => {
    const { client, privateToken } = await endedSession(
      async () => (await control.mintToken(videoId)).privateToken,
    );
    const renewed = new Promise<string>((resolve) => {
      renderPage(
        <PrivateVideoPlayer
          videoId={videoId}
          privateToken={privateToken}
          controls
          onSessionRenewed={(event) => resolve(event.session.token)}
        />,
        { client },
      );
    });
    const token = await renewed;
    const video = await waitForElement(() => {
      const found = document.querySelector('video');
      return found && new URL(found.poster).searchParams.get('avh') === token ? found : null;
    });
    const image = new Image();
    image.src = video.poster;
    await painted(image);
    expect(await statuses('session')).toEqual([200, 200]);
  });
});
