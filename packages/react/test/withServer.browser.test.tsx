import { type PlaybackEngineName, SessionClient, type SessionRenewedEvent } from '@private-video/core';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import videojs from 'video.js';
import { describe, expect, it, vi } from 'vitest';
import { commands } from 'vitest/browser';
import { shortVhsBuffers } from '../../../scripts/vitest/shortVhsBuffers';
import { PrivateThumbnail, PrivateVideoPlayer, PrivateVideoProvider } from '../src/index.js';
import {
  captureVideo,
  control,
  deliveryLog,
  emulatorUrl,
  painted,
  playedPast,
  renderPage,
  resetEmulatorEachTest,
  signal,
  waitForElement,
} from './browserHelpers.js';

resetEmulatorEachTest();

shortVhsBuffers(videojs);

// The React components with @private-video/server's parts, as the READMEs pair them, end to end against the
// emulator: the server's code runs in Node (`serverCommands`), the components in real Chromium.
describe.each<PlaybackEngineName>(['hls.js', 'video.js'])('%s', (engine) => {
  it('a page rendered with a server-opened session hydrates as served and plays, with no /session from the browser', async () => {
    // The server: API key → access token → a fresh private token → the session it opens (spending the token).
    const { source, session } = await commands.openServerSession('viPrivateTs', emulatorUrl);
    expect(session).not.toBeNull();
    const video = captureVideo();
    const states: string[] = [];
    const page = (
      <PrivateVideoProvider storage={null}>
        <PrivateThumbnail video={source} session={session} alt="Intro" width={320} />
        <PrivateVideoPlayer
          ref={video.ref}
          video={source}
          session={session}
          engine={engine}
          onStateChange={(state) => states.push(state)}
          controls
          muted
          autoPlay
          playsInline
        />
      </PrivateVideoProvider>
    );

    const container = document.body.appendChild(document.createElement('div'));
    container.innerHTML = renderToString(page);
    // Signed in the HTML already: the browser shows the thumbnail (and the poster) before any script runs.
    const served = container.querySelector('img')!;
    const urls = [...container.querySelectorAll('[src], [poster]')].flatMap((element) =>
      ['src', 'poster'].flatMap((name) => element.getAttribute(name) ?? []),
    );
    expect(urls).toContain(served.getAttribute('src'));
    for (const url of urls) expect(new URL(url).searchParams.get('avh'), url).toBe(session!.token);

    const errors = vi.spyOn(console, 'error');
    const recoverable = vi.fn();
    const root = hydrateRoot(container, page, { onRecoverableError: recoverable });
    try {
      await playedPast(await video.promise, 1);
      await painted(served);
      // Hydration kept the server's image: no mismatch, no client re-render of the tree.
      expect(container.querySelector('img')).toBe(served);
      expect(recoverable).not.toHaveBeenCalled();
      expect(errors).not.toHaveBeenCalled();
      // The session is open already: nothing to show "Connecting…" for.
      expect(states).toEqual(['idle', 'loading', 'playing']);

      const log = await deliveryLog('viPrivateTs');
      // The one `/session` is the server's.
      expect(log.filter((entry) => entry.kind === 'session')).toHaveLength(1);
      expect(log.filter((entry) => entry.kind !== 'session' && !entry.avh)).toEqual([]);
      expect(log.filter((entry) => entry.status >= 400)).toEqual([]);
    } finally {
      errors.mockRestore();
      root.unmount();
      container.remove();
    }
  });

  it("renews mid-play with the JSON of the app's token route (createPrivateTokenHandler) as getPrivateToken", async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    const answers: string[] = [];
    const renewed = signal<SessionRenewedEvent>();
    const video = captureVideo();
    renderPage(
      <PrivateVideoPlayer
        ref={video.ref}
        videoId="viPrivateTs"
        privateToken={privateToken}
        engine={engine}
        muted
        autoPlay
        // As the README has it: `fetch('/api/private-token?videoId=…').then((r) => r.json())`.
        getPrivateToken={async (ref) => {
          const answer = await commands.privateTokenRoute(ref.videoId, emulatorUrl);
          answers.push(answer.privateToken ?? 'none');
          return answer;
        }}
        onSessionRenewed={renewed.resolve}
        hlsConfig={{ maxBufferLength: 2, maxMaxBufferLength: 2 }}
      />,
    );
    const element = await video.promise;
    const position = await playedPast(element, 1.5);
    await control.expireSessions({ videoId: 'viPrivateTs' });
    const event = await renewed.promise;
    expect(event.ref.privateToken).toBe(answers[0]);
    await playedPast(element, position + 3);

    expect(answers).toHaveLength(1);
    const log = await deliveryLog('viPrivateTs');
    expect(log.filter((entry) => entry.kind === 'session').map((entry) => entry.privateToken)).toEqual([
      privateToken,
      answers[0],
    ]);
    expect(log.filter((entry) => entry.kind !== 'session' && !entry.avh)).toEqual([]);
  });
});

describe('a server-opened session that has expired by the browser clock as the page hydrates', () => {
  it('hydrates the served HTML without a mismatch, then renews and shows the new image', async () => {
    const { source, session } = await commands.openServerSession('viPrivateTs', emulatorUrl);
    // The server's clock runs behind the browser's (or the page took long to load): expired here already.
    const served = { ...session!, expiresAt: Date.now() - 1_000 };
    const mint = async () => (await control.mintToken('viPrivateTs')).privateToken;
    const page = (client: SessionClient) => (
      <PrivateVideoProvider client={client}>
        <PrivateThumbnail video={source} session={served} alt="Intro" width={320} />
      </PrivateVideoProvider>
    );
    const container = document.body.appendChild(document.createElement('div'));
    // Rendered by the server, a minute before the browser's clock.
    const server = new SessionClient({ storage: null, now: () => Date.now() - 60_000 });
    container.innerHTML = renderToString(page(server));
    expect(container.querySelector('img')?.src).toContain(served.token);
    const browser = new SessionClient({ storage: null, getPrivateToken: mint });
    const errors = vi.spyOn(console, 'error');
    const recoverable = vi.fn();
    const root = hydrateRoot(container, page(browser), { onRecoverableError: recoverable });
    try {
      const renewed = await waitForElement(() => {
        const image = container.querySelector('img');
        return image && !image.src.includes(served.token) ? image : null;
      });
      await painted(renewed);
      expect(recoverable).not.toHaveBeenCalled();
      expect(errors).not.toHaveBeenCalled();
      const sessions = (await deliveryLog('viPrivateTs')).filter((entry) => entry.kind === 'session');
      expect(sessions.map((entry) => entry.status)).toEqual([200, 200]); // the server's, the renewal's
    } finally {
      errors.mockRestore();
      root.unmount();
      container.remove();
    }
  });
});
