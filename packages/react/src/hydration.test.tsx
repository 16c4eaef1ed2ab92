import { createMemoryStorage, type SessionClient } from '@private-video/core';
import { act, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PrivateThumbnail } from './PrivateThumbnail.js';
import { PrivateVideoPlayer } from './PrivateVideoPlayer.js';
import { PrivateVideoProvider } from './PrivateVideoProvider.js';
import { createFakePlayback } from './test-utils/fakePlayback.js';
import { createTestClient } from './test-utils/render.js';
import { usePrivateSession } from './usePrivateSession.js';

const base = 'https://vod.api.video/vod/vi1/token/pt1';
let root: Root | undefined;

afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = '';
});

function page(
  client: SessionClient,
  props: { session?: { token: string; expiresAt?: number } } = {},
): ReactNode {
  const playback = createFakePlayback();
  return (
    <PrivateVideoProvider client={client} createPlayback={playback.create}>
      <PrivateThumbnail
        videoId="vi1"
        privateToken="pt1"
        alt="Intro"
        onClick={() => {}}
        session={props.session}
      />
      <PrivateVideoPlayer videoId="vi1" privateToken="pt1" controls muted session={props.session} />
    </PrivateVideoProvider>
  );
}

/** Server HTML from one client, hydrated with another, as a real page would. */
async function hydrate(serverUi: ReactNode, clientUi: ReactNode) {
  const container = document.createElement('div');
  container.innerHTML = renderToString(serverUi);
  document.body.append(container);
  const errors = vi.spyOn(console, 'error');
  const recoverable = vi.fn();
  await act(async () => {
    root = hydrateRoot(container, clientUi, { onRecoverableError: recoverable });
  });
  return { container, errors, recoverable };
}

/** The server's HTML, rendered with a server-opened session, hydrated on the page with `browser`'s client. */
async function hydrateServerSession(browser: SessionClient) {
  const session = { token: 'srv' };
  const hydrated = await hydrate(page(createTestClient().client, { session }), page(browser, { session }));
  expect(hydrated.errors).not.toHaveBeenCalled();
  expect(hydrated.recoverable).not.toHaveBeenCalled();
  return hydrated;
}

/** What an app may render of a server session: the README's by hand, `{ token: session_token }`, no expiresAt. */
function ValidUntil({ client }: { client: SessionClient }) {
  const { status, session } = usePrivateSession(
    { videoId: 'vi1', privateToken: 'pt1' },
    { client, session: { token: 'srv' } },
  );
  return (
    <p>
      {status} until {session ? session.expiresAt : '-'}
    </p>
  );
}

describe('hydration', () => {
  it('matches the server HTML, then opens the session', async () => {
    const server = createTestClient();
    const browser = createTestClient();
    const { errors, recoverable } = await hydrate(page(server.client), page(browser.client));
    await waitFor(() =>
      expect(screen.getByAltText('Intro').getAttribute('src')).toBe(`${base}/thumbnail.jpg?avh=st-1`),
    );
    expect(errors).not.toHaveBeenCalled();
    expect(recoverable).not.toHaveBeenCalled();
    expect(browser.delivery.fetch).toHaveBeenCalledTimes(1);
    expect(server.delivery.fetch).not.toHaveBeenCalled();
  });

  it('matches when the browser already has the session (restored from storage)', async () => {
    const storage = createMemoryStorage();
    const earlier = createTestClient({ storage });
    await earlier.client.getSession({ videoId: 'vi1', privateToken: 'pt1' });
    const browser = createTestClient({ storage }); // a page refresh: same storage, new client
    const { errors, recoverable } = await hydrate(page(createTestClient().client), page(browser.client));
    await waitFor(() =>
      expect(screen.getByAltText('Intro').getAttribute('src')).toBe(`${base}/thumbnail.jpg?avh=st-1`),
    );
    expect(errors).not.toHaveBeenCalled();
    expect(recoverable).not.toHaveBeenCalled();
    expect(browser.delivery.fetch).not.toHaveBeenCalled();
  });

  it('keeps the server-opened session: signed in the HTML, no request in the browser', async () => {
    const browser = createTestClient();
    const { container } = await hydrateServerSession(browser.client);
    expect(screen.getByAltText('Intro').getAttribute('src')).toBe(`${base}/thumbnail.jpg?avh=srv`);
    expect(container.querySelector('video')?.getAttribute('poster')).toBe(`${base}/thumbnail.jpg?avh=srv`);
    await act(async () => {});
    expect(browser.delivery.fetch).not.toHaveBeenCalled();
  });

  it('matches cached HTML with a server session when the browser renewed that token since', async () => {
    const browser = await renewedEarlier(); // the cached page again: same storage, new client
    await hydrateServerSession(browser.client);
    // Right after hydration the browser shows its newer session: the renewed token's path, its own avh.
    const renewed = 'https://vod.api.video/vod/vi1/token/pt2/thumbnail.jpg?avh=st-2';
    expect(screen.getByAltText('Intro').getAttribute('src')).toBe(renewed);
    expect(browser.delivery.fetch).not.toHaveBeenCalled();
  });

  it("the player's poster moves to the browser's newer session right after hydration, as the thumbnail does", async () => {
    const browser = await renewedEarlier();
    const { container } = await hydrateServerSession(browser.client);
    // The server's session is the one the browser renewed away from: its poster URL is dead.
    const renewed = 'https://vod.api.video/vod/vi1/token/pt2/thumbnail.jpg?avh=st-2';
    expect(screen.getByAltText('Intro').getAttribute('src')).toBe(renewed);
    expect(container.querySelector('video')?.getAttribute('poster')).toBe(renewed);
  });

  it('matches the server HTML while the browser holds a session expired by its clock, then renews it', async () => {
    let time = 1_000_000;
    const browser = createTestClient({
      now: () => time,
      sessionTtl: 5_000,
      getPrivateToken: async () => 'pt2',
    });
    await browser.client.getSession({ videoId: 'vi1', privateToken: 'pt1' }); // another root of the page
    time += 5_000;
    await hydrateServerSession(browser.client);
    // Right after hydration, what the browser knows: the session expired, so it is renewed, not shown.
    const renewed = 'https://vod.api.video/vod/vi1/token/pt2/thumbnail.jpg?avh=st-2';
    await waitFor(() => expect(screen.getByAltText('Intro').getAttribute('src')).toBe(renewed));
  });

  it("matches the server HTML when the server's session has expired by the browser's clock, then renews it", async () => {
    // A slow load near the end of the session's life, or a clock running ahead of the server's.
    const session = { token: 'srv', expiresAt: 5_000_000 };
    const browser = createTestClient({ now: () => 6_000_000, getPrivateToken: async () => 'pt2' });
    const { errors, recoverable } = await hydrate(
      page(createTestClient({ now: () => 1_000_000 }).client, { session }),
      page(browser.client, { session }),
    );
    expect(errors).not.toHaveBeenCalled();
    expect(recoverable).not.toHaveBeenCalled();
    const renewed = 'https://vod.api.video/vod/vi1/token/pt2/thumbnail.jpg?avh=st-1';
    await waitFor(() => expect(screen.getByAltText('Intro').getAttribute('src')).toBe(renewed));
  });

  it("matches what an app renders of usePrivateSession's server session (its expiry), 3 s later in the browser", async () => {
    const server = createTestClient({ now: () => 1_000_000 }).client;
    const browser = createTestClient({ now: () => 1_003_000 }).client;
    const { errors, recoverable } = await hydrate(
      <ValidUntil client={server} />,
      <ValidUntil client={browser} />,
    );
    expect(errors).not.toHaveBeenCalled();
    expect(recoverable).not.toHaveBeenCalled();
    // Then the browser's own state: its clock's expiry.
    expect(screen.getByText(/^open until/).textContent).toBe(`open until ${1_003_000 + 86_400_000}`);
  });

  it('(control) would notice a mismatch: the same spies catch a server session the browser lacks', async () => {
    const { errors, recoverable } = await hydrate(
      page(createTestClient().client, { session: { token: 'srv' } }),
      page(createTestClient().client),
    );
    expect(errors.mock.calls.length + recoverable.mock.calls.length).toBeGreaterThan(0);
    errors.mockClear();
  });
});

/** A client of the storage where an earlier visit opened `pt1`'s session and renewed it to `pt2`. */
async function renewedEarlier() {
  const storage = createMemoryStorage();
  const earlier = createTestClient({ storage, getPrivateToken: async () => 'pt2' });
  await earlier.client.getSession({ videoId: 'vi1', privateToken: 'pt1' });
  await earlier.client.renew({ videoId: 'vi1', privateToken: 'pt1' });
  return createTestClient({ storage });
}
