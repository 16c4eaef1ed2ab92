import {
  type ApiVideoObject,
  type PlaybackEngineName,
  SessionClient,
  type SessionRenewedEvent,
} from '@private-video/core';
import type { MintedToken } from '@private-video/emulator/control';
import { render, screen } from '@testing-library/react';
import type { ComponentProps } from 'react';
import videojs from 'video.js';
import { describe, expect, it } from 'vitest';
import { shortVhsBuffers } from '../../../scripts/vitest/shortVhsBuffers';
import { PrivateThumbnail, PrivateVideoPlayer, PrivateVideoProvider } from '../src/index.js';
import {
  captureVideo,
  control,
  deliveryLog,
  domains,
  painted,
  playedPast,
  resetEmulatorEachTest,
  signal,
  waitForElement,
} from './browserHelpers.js';

resetEmulatorEachTest();

shortVhsBuffers(videojs);

/** The API's video object, as `GET /videos/{videoId}` gives it: every fetch carries a new private token. */
function toApiVideo(minted: MintedToken): ApiVideoObject {
  return { videoId: minted.videoId, public: false, assets: minted.urls };
}

/** The thumbnail's image once painted (its placeholder, a `<span role="img">`, comes first). */
async function paintedThumbnail(): Promise<HTMLImageElement> {
  const found = () => screen.queryByRole('img', { name: 'Intro' });
  return painted(
    await waitForElement(
      () => (found() instanceof HTMLImageElement ? found() : null) as HTMLImageElement | null,
    ),
  );
}

/**
 * A client whose first `/session` answer reaches it only once the test calls `release()`: the delivery has
 * answered (and spent the token), the page still waits.
 */
function clientWithHeldSession() {
  const answered = signal();
  const gate = signal();
  let held = false;
  const client = new SessionClient({
    domains,
    storage: null,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if (!held) {
        held = true;
        answered.resolve();
        await gate.promise;
      }
      return response;
    },
  });
  return { client, answered: answered.promise, release: gate.resolve };
}

/**
 * A page with a player (and `thumbnail`, a thumbnail beside it) of the video object `minted` names: rendered again
 * with another, as the app's data library gives it a fetch of the same video with a new token.
 */
function playerPage(
  client: SessionClient,
  props: ComponentProps<typeof PrivateVideoPlayer> & { engine: PlaybackEngineName },
  thumbnail = false,
) {
  return (minted: MintedToken) => (
    <PrivateVideoProvider client={client}>
      {thumbnail && <PrivateThumbnail video={toApiVideo(minted)} alt="Intro" width={160} />}
      <PrivateVideoPlayer video={toApiVideo(minted)} muted autoPlay playsInline {...props} />
    </PrivateVideoProvider>
  );
}

describe.each(['hls.js', 'video.js'] as PlaybackEngineName[])('%s', (engine) => {
  it('goes on playing, with no new session, when the app fetches the video object again', async () => {
    const first = await control.mintToken('viPrivateTs');
    const client = new SessionClient({ domains, storage: null });
    const video = captureVideo();
    const page = playerPage(client, { ref: video.ref, engine }, true);
    const { rerender } = render(page(first));
    const element = await video.promise;
    await playedPast(element, 1);
    const image = await paintedThumbnail();

    // E.g. a query library refetching on window focus: the same video, with a new private token.
    const second = await control.mintToken('viPrivateTs');
    rerender(page(second));
    const position = element.currentTime;
    await playedPast(element, position + 1);

    // The same `<video>` played on (video.js would have made a new one for a new start), and the same image.
    expect(element.isConnected).toBe(true);
    expect(screen.getByRole('img', { name: 'Intro' })).toBe(image);
    const log = await deliveryLog('viPrivateTs');
    expect(log.filter((entry) => entry.kind === 'session')).toHaveLength(1);
    expect(log.filter((entry) => entry.kind === 'manifest')).toHaveLength(1);
    // The new token is unspent: the app may still use it.
    expect(log.filter((entry) => entry.privateToken === second.privateToken)).toEqual([]);
    expect(log.filter((entry) => entry.kind !== 'session' && !entry.avh)).toEqual([]);
  });

  it("a player mounted with a later fetch of the video plays on its thumbnail's session", async () => {
    const listed = await control.mintToken('viPrivateTs');
    const client = new SessionClient({ domains, storage: null });
    const video = captureVideo();
    const page = (watched?: MintedToken) => (
      <PrivateVideoProvider client={client}>
        <PrivateThumbnail video={toApiVideo(listed)} alt="Intro" width={160} />
        {watched && (
          <PrivateVideoPlayer
            ref={video.ref}
            video={toApiVideo(watched)}
            engine={engine}
            muted
            autoPlay
            playsInline
          />
        )}
      </PrivateVideoProvider>
    );
    const { rerender } = render(page());
    await paintedThumbnail();
    // A watch page fetching the video itself gets another private token.
    const watched = await control.mintToken('viPrivateTs');
    rerender(page(watched));
    await playedPast(await video.promise, 1);

    const log = await deliveryLog('viPrivateTs');
    expect(log.filter((entry) => entry.kind === 'session')).toHaveLength(1);
    expect(log.filter((entry) => entry.privateToken === watched.privateToken)).toEqual([]);
    expect(log.filter((entry) => entry.kind !== 'session' && !entry.avh)).toEqual([]);
    expect(log.some((entry) => entry.kind === 'segment' && entry.status === 200)).toBe(true);
  });

  it.each([
    ['', false, [200]],
    [', and opens with the new token where the first was spent', true, [200, 404, 200]],
  ])(
    'plays on the session under way when the app fetches the video again while it opens%s',
    async (_, spent, statuses) => {
      const first = await control.mintToken('viPrivateTs');
      // Spent before the page opens it (a link opened in a new tab, whose sessionStorage is empty).
      if (spent) await fetch(first.urls.session, { cache: 'no-store' });
      const { client, answered, release } = clientWithHeldSession();
      const video = captureVideo();
      const page = playerPage(client, { ref: video.ref, engine });
      const { rerender } = render(page(first));
      await answered;
      // E.g. a query library refetching on window focus, while the first `/session` is still under way.
      const second = await control.mintToken('viPrivateTs');
      rerender(page(second));
      release();
      const element = await video.promise;
      await playedPast(element, 1);

      const log = await deliveryLog('viPrivateTs');
      const sessions = log.filter((entry) => entry.kind === 'session');
      expect(sessions.map((entry) => entry.status)).toEqual(statuses);
      // The new token is spent only where the first was.
      expect(sessions.filter((entry) => entry.privateToken === second.privateToken)).toHaveLength(
        spent ? 1 : 0,
      );
      expect(log.filter((entry) => entry.kind === 'manifest')).toHaveLength(1);
      expect(log.filter((entry) => entry.kind !== 'session' && !entry.avh)).toEqual([]);
    },
  );

  it('renews a session the delivery ended with the token of the object fetched again, with no getPrivateToken', async () => {
    const first = await control.mintToken('viPrivateTs');
    const client = new SessionClient({ domains, storage: null });
    const video = captureVideo();
    const renewed = signal<SessionRenewedEvent>();
    const page = playerPage(client, {
      ref: video.ref,
      engine,
      onSessionRenewed: renewed.resolve,
      hlsConfig: { maxBufferLength: 2, maxMaxBufferLength: 2 },
    });
    const { rerender } = render(page(first));
    const element = await video.promise;
    await playedPast(element, 1);
    const second = await control.mintToken('viPrivateTs');
    rerender(page(second));
    const position = await playedPast(element, 1.5);
    await control.expireSessions({ videoId: 'viPrivateTs' });

    expect((await renewed.promise).ref.privateToken).toBe(second.privateToken);
    await playedPast(element, position + 3);
    const sessions = (await deliveryLog('viPrivateTs')).filter((entry) => entry.kind === 'session');
    expect(sessions.map((entry) => [entry.privateToken, entry.status])).toEqual([
      [first.privateToken, 200],
      [second.privateToken, 200],
    ]);
  });
});
