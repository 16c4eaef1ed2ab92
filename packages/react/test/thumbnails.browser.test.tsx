import { SessionClient } from '@private-video/core';
import { screen, within } from '@testing-library/react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { PrivateThumbnail, PrivateVideoPlayer, PrivateVideoProvider } from '../src/index.js';
import {
  control,
  deliveryLog,
  domains,
  emulatorUrl,
  once,
  painted,
  renderPage,
  resetEmulatorEachTest,
  waitForElement,
} from './browserHelpers.js';

resetEmulatorEachTest();

// Every resource of the page counts (the engine checks below read them all): past Chromium's default 250
// entries, later ones would be left out, an engine's among them.
performance.setResourceTimingBufferSize(100_000);

const grid = Array.from({ length: 12 }, (_, index) => `viGrid${String(index + 1).padStart(2, '0')}`);

/** Engine modules as Vite serves them (pre-bundled deps or core's adapter sources), and React's video.js glue. */
const engineChunk = /hls[._-]+js|video[._-]+js|hlsEngine|videojsEngine|mountVideojsElement/;

describe('thumbnails', () => {
  it('a grid of 12: 12 sessions, all painted, no token spent by an unsigned request, no engine loaded', async () => {
    const minted = await Promise.all(grid.map((videoId) => control.mintToken(videoId)));
    renderPage(
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 120px)', gap: 8 }}>
        {minted.map(({ videoId, privateToken }) => (
          <PrivateThumbnail
            key={videoId}
            videoId={videoId}
            privateToken={privateToken}
            alt={videoId}
            href={`/watch/${videoId}`}
          />
        ))}
      </div>,
    );
    const images = await waitForElement(() => {
      const found = grid.map((videoId) => screen.queryByAltText(videoId));
      return found.every((element) => element?.tagName === 'IMG') ? (found as HTMLImageElement[]) : null;
    });
    await Promise.all(images.map(painted));

    const log = (await control.log()).filter((entry) => entry.kind !== 'api');
    expect(log.filter((entry) => entry.kind === 'session')).toHaveLength(12);
    expect(new Set(log.filter((entry) => entry.kind === 'session').map((entry) => entry.videoId))).toEqual(
      new Set(grid),
    );
    expect(log.filter((entry) => entry.rule === 'unsigned-first-use')).toEqual([]);
    expect(
      log.filter((entry) => entry.kind === 'thumbnail').every((entry) => entry.avh && entry.status === 200),
    ).toBe(true);

    const resources = performance.getEntriesByType('resource').map((entry) => entry.name);
    expect(resources.filter((name) => engineChunk.test(name))).toEqual([]);
  });

  it('does not spend the private token of a thumbnail far below the fold until it nears the viewport', async () => {
    const { privateToken } = await control.mintToken('viGrid01');
    renderPage(
      <>
        <div style={{ height: 5000 }} />
        <PrivateThumbnail
          videoId="viGrid01"
          privateToken={privateToken}
          alt="Far"
          width={160}
          rootMargin="100px"
        />
      </>,
    );
    const placeholder = screen.getByRole('img', { name: 'Far' });
    // Give the observer a couple of frames to report (it reports the initial state once).
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    expect((await control.log()).filter((entry) => entry.kind === 'session')).toEqual([]);
    placeholder.scrollIntoView();
    const image = await waitForElement(() => {
      const found = screen.queryByAltText('Far');
      return found?.tagName === 'IMG' ? (found as HTMLImageElement) : null;
    });
    await painted(image);
    expect((await control.log()).filter((entry) => entry.kind === 'session')).toHaveLength(1);
    window.scrollTo(0, 0);
  });

  it('loads a thumbnail whose rootMargin Chromium cannot read (no unit), saying why on the console', async () => {
    const { privateToken } = await control.mintToken('viGrid01');
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    renderPage(
      <PrivateThumbnail videoId="viGrid01" privateToken={privateToken} alt="No unit" rootMargin="200" />,
    );
    const image = await waitForElement(() => {
      const found = screen.queryByAltText('No unit');
      return found?.tagName === 'IMG' ? (found as HTMLImageElement) : null;
    });
    await painted(image);
    // Chromium's own error, which used to escape the effect and unmount the whole app.
    expect(consoleError).toHaveBeenCalledWith(expect.objectContaining({ name: 'SyntaxError' }));
  });

  it("shows a private video given as the iframe HTML a CMS escaped (WordPress's `&#038;` before the token)", async () => {
    const { privateToken } = await control.mintToken('viGrid04');
    // The embed URL names no delivery origin: the provider's domains say it (the emulator).
    const html = `<iframe title="Q&amp;A > part 1" src="https://embed.api.video/vod/viGrid04?autoplay=1&#038;token=${privateToken}"></iframe>`;
    renderPage(<PrivateThumbnail src={html} alt="Embedded" />);
    const image = await waitForElement(() => {
      const found = screen.queryByAltText('Embedded');
      return found instanceof HTMLImageElement ? found : null;
    });
    await painted(image);
    const log = await deliveryLog('viGrid04');
    expect(log.map((entry) => [entry.kind, entry.status, entry.rule])).toEqual([
      ['session', 200, 'session-opened'],
      ['thumbnail', 200, 'signed'],
    ]);
  });

  it('shows a thumbnail that failed to load again on "Try again", on the same session', async () => {
    const { privateToken } = await control.mintToken('viGrid03');
    await control.addFault({ match: { videoId: 'viGrid03', kind: 'thumbnail' }, status: 500, count: 1 });
    renderPage(<PrivateThumbnail videoId="viGrid03" privateToken={privateToken} alt="Flaky" />);
    const alert = await waitForElement(() => screen.queryByRole('status'));
    expect(alert.textContent).toContain('The thumbnail could not be loaded.');
    within(alert).getByRole('button', { name: 'Try again' }).click();
    const image = await waitForElement(() => {
      const found = screen.queryByAltText('Flaky');
      return found?.tagName === 'IMG' ? (found as HTMLImageElement) : null;
    });
    await painted(image);
    const log = await control.log();
    expect(log.filter((entry) => entry.kind === 'session')).toHaveLength(1);
    expect(log.filter((entry) => entry.kind === 'thumbnail').map((entry) => entry.status)).toEqual([
      500, 200,
    ]);
  });

  it('ends a /session that never answers in a message with "Try again" (the client\'s timeout), not a placeholder for good', async () => {
    const { privateToken } = await control.mintToken('viGrid05');
    // The emulator answers (and spends the token) only well after the client gave up.
    await control.setLatency(1_500);
    const client = new SessionClient({ domains, storage: null, timeout: 200, retry: { retries: 0 } });
    renderPage(<PrivateThumbnail videoId="viGrid05" privateToken={privateToken} alt="Stalled" />, { client });
    const alert = await waitForElement(() => screen.queryByRole('status'));
    expect(alert.textContent).toContain('The video could not be reached.');
    expect(client.video({ videoId: 'viGrid05', privateToken, domains }).getState().error).toMatchObject({
      code: 'network',
      message: expect.stringMatching(/TimeoutError/),
    });
    within(alert).getByRole('button', { name: 'Try again' });
    // The late answer did spend the token: a retry now says so, instead of waiting again.
    await control.setLatency(0);
    await vi.waitFor(async () => expect(await deliveryLog('viGrid05')).toMatchObject([{ status: 200 }]), {
      timeout: 5_000,
    });
    within(alert).getByRole('button', { name: 'Try again' }).click();
    await waitForElement(() => screen.queryByRole('status')?.textContent?.includes('no longer valid'));
  });

  it('recovers from a /session that hung: "Try again" opens it, as the token was never spent', async () => {
    const { privateToken } = await control.mintToken('viGrid06');
    await control.addFault({ match: { videoId: 'viGrid06', kind: 'session' }, hang: true, count: 1 });
    const client = new SessionClient({ domains, storage: null, timeout: 200, retry: { retries: 0 } });
    renderPage(<PrivateThumbnail videoId="viGrid06" privateToken={privateToken} alt="Hung" />, { client });
    const alert = await waitForElement(() => screen.queryByRole('status'));
    within(alert).getByRole('button', { name: 'Try again' }).click();
    const image = await waitForElement(() => {
      const found = screen.queryByAltText('Hung');
      return found?.tagName === 'IMG' ? (found as HTMLImageElement) : null;
    });
    await painted(image);
    // The hung request is logged once the emulator sees its connection close, which may come after the retry.
    await vi.waitFor(
      async () => {
        const sessions = (await deliveryLog('viGrid06')).filter((entry) => entry.kind === 'session');
        expect(sessions.map(({ status, rule }) => ({ status, rule }))).toEqual(
          expect.arrayContaining([
            { status: 0, rule: 'fault-hang' },
            { status: 200, rule: 'session-opened' },
          ]),
        );
        expect(sessions).toHaveLength(2);
      },
      { timeout: 5_000 },
    );
  });

  it('shows the error of a server-rendered thumbnail whose image failed before hydration, and retries it', async () => {
    const { privateToken } = await control.mintToken('viGrid04');
    const opened = await fetch(`${emulatorUrl}/vod/viGrid04/token/${privateToken}/session`);
    const session = { token: ((await opened.json()) as { session_token: string }).session_token };
    await control.addFault({ match: { videoId: 'viGrid04', kind: 'thumbnail' }, status: 500, count: 1 });
    const onError = vi.fn();
    const page = (
      <PrivateVideoProvider domains={domains} storage={null}>
        <PrivateThumbnail
          videoId="viGrid04"
          privateToken={privateToken}
          session={session}
          alt="Early"
          onError={onError}
        />
      </PrivateVideoProvider>
    );
    const container = document.body.appendChild(document.createElement('div'));
    container.innerHTML = renderToString(page);
    const served = container.querySelector('img')!;
    // The HTML's image fails before React is there to hear it (React does not replay that event).
    if (!served.complete) await once(served, 'error');
    expect(served.naturalWidth).toBe(0);
    const root = hydrateRoot(container, page);
    try {
      const alert = await waitForElement(() => within(container).queryByRole('status'));
      expect(alert.textContent).toContain('The thumbnail could not be loaded.');
      // Called from an effect, which may run after the alert is painted.
      await vi.waitFor(() =>
        expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'media' })),
      );
      within(alert).getByRole('button', { name: 'Try again' }).click();
      const image = await waitForElement(() => {
        const found = within(container).queryByAltText('Early');
        return found?.tagName === 'IMG' ? (found as HTMLImageElement) : null;
      });
      await painted(image);
      const log = await control.log();
      expect(log.filter((entry) => entry.kind === 'thumbnail').map((entry) => entry.status)).toEqual([
        500, 200,
      ]);
      expect(log.filter((entry) => entry.kind === 'session')).toHaveLength(1);
    } finally {
      root.unmount();
      container.remove();
    }
  });

  // Last in this file on purpose: it loads an engine into the page the first test checked.
  it('(control) the engine pattern does see an engine once a player loads one', async () => {
    const { privateToken } = await control.mintToken('viGrid02');
    const video = await new Promise<HTMLVideoElement>((resolve) => {
      renderPage(
        <PrivateVideoPlayer
          videoId="viGrid02"
          privateToken={privateToken}
          muted
          onLoadedData={(event) => resolve(event.currentTarget)}
        />,
      );
    });
    expect(video.readyState).toBeGreaterThan(0);
    const resources = performance.getEntriesByType('resource').map((entry) => entry.name);
    expect(resources.filter((name) => engineChunk.test(name)).length).toBeGreaterThan(0);
  });
});
