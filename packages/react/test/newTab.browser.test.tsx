import { type GetPrivateToken, type PlaybackEngineName, SessionClient } from '@private-video/core';
import { act, render, screen } from '@testing-library/react';
import { type ReactNode, useState } from 'react';
import videojs from 'video.js';
import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { shortVhsBuffers } from '../../../scripts/vitest/shortVhsBuffers';
import { PrivateThumbnail, PrivateVideoPlayer, PrivateVideoProvider } from '../src/index.js';
import {
  captureVideo,
  control,
  deliveryLog,
  domains,
  painted,
  playedPast,
  renderPage,
  resetEmulatorEachTest,
  waitForElement,
} from './browserHelpers.js';

resetEmulatorEachTest();

shortVhsBuffers(videojs);

const videoId = 'viPrivateTs';
const engines: PlaybackEngineName[] = ['hls.js', 'video.js'];

/**
 * A list page whose thumbnail opened the video's session, and links to its watch page with the same private
 * token. Opened in a new tab (Ctrl+click, `target="_blank"`), the watch page has an empty `sessionStorage`
 * (browsers copy it only into a tab opened by script): a client of its own, with no session, and a token
 * the thumbnail spent. Each page here has its own client, and neither a storage the other sees.
 */
async function thumbnailOnTheListPage() {
  const { privateToken } = await control.mintToken(videoId);
  const listPage = new SessionClient({ domains, storage: null });
  const { unmount } = renderPage(
    <PrivateThumbnail
      videoId={videoId}
      privateToken={privateToken}
      alt="Intro"
      href="/watch"
      target="_blank"
    />,
    { client: listPage },
  );
  await painted(await waitForElement(() => screen.queryByAltText<HTMLImageElement>('Intro')));
  unmount();
  return privateToken;
}

describe.each(engines)(
  '%s: the watch page, opened in a new tab from a thumbnail that spent its token',
  (engine) => {
    it('plays on a fresh token from getPrivateToken: no error shown, one token replaced', async () => {
      const privateToken = await thumbnailOnTheListPage();
      const mint = vi.fn(async () => (await control.mintToken(videoId)).privateToken);
      const onError = vi.fn();
      const video = captureVideo();
      renderPage(
        <PrivateVideoPlayer
          ref={video.ref}
          videoId={videoId}
          privateToken={privateToken}
          engine={engine}
          muted
          autoPlay
          getPrivateToken={mint}
          onError={onError}
        />,
      );
      await playedPast(await video.promise, 1);
      expect(onError).not.toHaveBeenCalled();
      expect(screen.queryByRole('alert')).toBeNull();
      expect(mint).toHaveBeenCalledTimes(1);
      const log = await deliveryLog(videoId);
      const sessions = log.filter((entry) => entry.kind === 'session');
      // The list page's, the watch page's finding the token spent, the one on the fresh token.
      expect(sessions.map((entry) => [entry.status, entry.privateToken === privateToken])).toEqual([
        [200, true],
        [404, true],
        [200, false],
      ]);
      expect(log.filter((entry) => entry.kind !== 'session' && !entry.avh)).toEqual([]);
      expect(log.filter((entry) => entry.kind !== 'session' && entry.status >= 400)).toEqual([]);
    });

    it.each([
      // What `r.json()` of the token handler's 403 gives (`authorize` said no: a viewer signed out meanwhile).
      [
        'cannot be watched',
        'refuses a fresh token',
        'forbidden',
        'forbidden',
        'This video cannot be watched on this site.',
      ],
      // Its 404: the video is no longer in the workspace (deleted since the list page was made).
      [
        'link is not valid',
        'has no such video any more',
        'not-found',
        'invalid-source',
        'This video link is not valid.',
      ],
    ])(
      'says the video %s, with no "Try again", when your backend %s',
      async (_says, _why, refusal, code, text) => {
        const privateToken = await thumbnailOnTheListPage();
        const answer = { error: { code: refusal, message: 'Not for you.' } };
        const refused = vi.fn(async () => answer);
        const onError = vi.fn();
        renderPage(
          <PrivateVideoPlayer
            videoId={videoId}
            privateToken={privateToken}
            engine={engine}
            getPrivateToken={refused as never}
            onError={onError}
          />,
        );
        const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
        expect(alert.textContent).toBe(text);
        expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
        expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code, cause: answer.error }));
        expect(refused).toHaveBeenCalledTimes(1);
      },
    );

    it('without getPrivateToken, says the link was used (a new tab cannot reuse the session)', async () => {
      const privateToken = await thumbnailOnTheListPage();
      const onError = vi.fn();
      renderPage(
        <PrivateVideoPlayer
          videoId={videoId}
          privateToken={privateToken}
          engine={engine}
          onError={onError}
        />,
      );
      const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
      expect(alert.textContent).toContain('This private video link is no longer valid.');
      expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'token-used' }));
    });
  },
);

describe('the watch page, opened in a new tab, showing the thumbnail beside its player', () => {
  it("renews the spent token through the player's getPrivateToken, though the thumbnail's open came first", async () => {
    const privateToken = await thumbnailOnTheListPage();
    const mint = vi.fn(async () => (await control.mintToken(videoId)).privateToken);
    const onError = vi.fn();
    const thumbnailErrors = vi.fn();
    const video = captureVideo();
    renderPage(
      <>
        <PrivateThumbnail
          videoId={videoId}
          privateToken={privateToken}
          alt="Poster"
          openSession="eager"
          onError={thumbnailErrors}
        />
        <PrivateVideoPlayer
          ref={video.ref}
          videoId={videoId}
          privateToken={privateToken}
          engine="hls.js"
          muted
          autoPlay
          getPrivateToken={mint}
          onError={onError}
        />
      </>,
    );
    await playedPast(await video.promise, 1);
    // The thumbnail shares the renewed session: its image loads too.
    await painted(await waitForElement(() => screen.queryByAltText<HTMLImageElement>('Poster')));
    expect(onError).not.toHaveBeenCalled();
    expect(screen.queryByRole('alert')).toBeNull(); // the player's
    expect(screen.queryByRole('status')).toBeNull(); // the thumbnail's
    // Nor did the thumbnail show `token-used` for a moment: the open it started renewed with the player's.
    expect(thumbnailErrors).not.toHaveBeenCalled();
    expect(mint).toHaveBeenCalledTimes(1);
    const sessions = (await deliveryLog(videoId)).filter((entry) => entry.kind === 'session');
    expect(sessions.map((entry) => [entry.status, entry.privateToken === privateToken])).toEqual([
      [200, true],
      [404, true],
      [200, false],
    ]);
  });
});

/** Loads the app's auth (see `AuthProvider`). */
let signIn: (getPrivateToken: GetPrivateToken) => void = () => {};

/**
 * The app's shape: its auth state lives in a component that renders the provider around the page it was given
 * (a root layout's `children`): when auth loads, only it and the provider render again.
 */
function AuthProvider({ children }: { children: ReactNode }) {
  const [getPrivateToken, setGetPrivateToken] = useState<GetPrivateToken>();
  signIn = (loaded) => setGetPrivateToken(() => loaded);
  return (
    <PrivateVideoProvider domains={domains} storage={null} getPrivateToken={getPrivateToken}>
      {children}
    </PrivateVideoProvider>
  );
}

/** Created once, beside the app's auth (for its `/session` timeout, say), as the README says. */
const ownClient = new SessionClient({ domains, storage: null, timeout: 5_000 });

describe.each([
  {
    how: 'the provider is given its getPrivateToken (the auth state renders it)',
    Page: AuthProvider,
    loadAuth: (getPrivateToken: GetPrivateToken) => act(() => signIn(getPrivateToken)),
  },
  {
    how: 'the auth calls `client.setGetPrivateToken` on a client of its own (nothing above renders again)',
    Page: ({ children }: { children: ReactNode }) => (
      <PrivateVideoProvider client={ownClient}>{children}</PrivateVideoProvider>
    ),
    loadAuth: (getPrivateToken: GetPrivateToken) => ownClient.setGetPrivateToken(getPrivateToken),
  },
])(
  "the watch page, opened in a new tab, whose app's auth loads after the page",
  ({ how, Page, loadAuth }) => {
    it(`offers "Try again" once ${how}, and plays on a fresh token then`, async () => {
      const privateToken = await thumbnailOnTheListPage();
      const video = captureVideo();
      render(
        <Page>
          <PrivateVideoPlayer
            ref={video.ref}
            videoId={videoId}
            privateToken={privateToken}
            muted
            autoPlay
            onError={() => {}}
          />
        </Page>,
      );
      const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
      expect(alert.textContent).toContain('This private video link is no longer valid.');
      expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull(); // nothing can renew it yet
      loadAuth(async () => (await control.mintToken(videoId)).privateToken);
      await userEvent.click(await screen.findByRole('button', { name: 'Try again' }));
      await playedPast(await video.promise, 1);
      const sessions = (await deliveryLog(videoId)).filter((entry) => entry.kind === 'session');
      expect(sessions.map((entry) => [entry.status, entry.privateToken === privateToken])).toEqual([
        [200, true],
        [404, true],
        [200, false],
      ]);
    });
  },
);
