import type { GetPrivateToken } from '@private-video/core';
import { createFakeDelivery } from '@private-video/test-utils';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useContext } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { PrivateThumbnail } from './PrivateThumbnail.js';
import { PrivateVideoContext, type PrivateVideoContextValue } from './PrivateVideoContext.js';
import { PrivateVideoPlayer } from './PrivateVideoPlayer.js';
import { PrivateVideoProvider } from './PrivateVideoProvider.js';
import { createFakePlayback } from './test-utils/fakePlayback.js';
import { createTestClient } from './test-utils/render.js';

/**
 * A player under a provider that creates its own client, on a fake delivery (through the global `fetch`,
 * which that client calls) where the player's private token is already spent, and the `spent` ones too.
 */
function renderSpentPlayer(getPrivateToken: GetPrivateToken | undefined, spent: string[] = []) {
  const delivery = createFakeDelivery();
  for (const token of ['pt1', ...spent]) delivery.spend(token);
  vi.stubGlobal('fetch', delivery.fetch);
  const playback = createFakePlayback();
  // The usual shape: the auth state lives in a component that renders the provider around the page it was
  // given (a root layout's `children`), the same element at each of its renders. React renders again only the
  // components below whose context changed.
  const page = (
    <>
      <PrivateVideoPlayer videoId="vi1" privateToken="pt1" onError={() => {}} />
      <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Intro" openSession="eager" onError={() => {}} />
    </>
  );
  const ui = (getter: GetPrivateToken | undefined) => (
    <PrivateVideoProvider storage={null} createPlayback={playback.create} getPrivateToken={getter}>
      {page}
    </PrivateVideoProvider>
  );
  const { rerender } = render(ui(getPrivateToken));
  return { delivery, playback, rerender: (getter: GetPrivateToken | undefined) => rerender(ui(getter)) };
}

/** The "Try again" buttons of the player's alert and the thumbnail's status. */
const retries = () => ({
  player: within(screen.getByRole('alert')).queryByRole('button', { name: 'Try again' }),
  thumbnail: within(screen.getByRole('status')).queryByRole('button', { name: 'Try again' }),
});

describe('PrivateVideoProvider: getPrivateToken', () => {
  it('renews with a getPrivateToken given after mount: the player and thumbnail below offer "Try again" then', async () => {
    const { delivery, playback, rerender } = renderSpentPlayer(undefined);
    await screen.findByRole('alert');
    await screen.findByRole('status');
    expect(retries()).toEqual({ player: null, thumbnail: null }); // nothing to renew with yet
    const getPrivateToken = vi.fn(async () => 'pt2');
    rerender(getPrivateToken);
    await waitFor(() =>
      expect(retries()).toEqual({ player: expect.any(HTMLElement), thumbnail: expect.any(HTMLElement) }),
    );
    fireEvent.click(retries().player!);
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(2));
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    expect(delivery.requests.at(-1)).toBe('https://vod.api.video/vod/vi1/token/pt2/session');
  });

  it('no longer offers to renew once its getPrivateToken is taken away', async () => {
    // The fresh token it gets for the spent one at start is spent too: one replacement per open, then the error.
    const getPrivateToken = vi.fn(async () => 'pt2');
    const { rerender } = renderSpentPlayer(getPrivateToken, ['pt2']);
    await waitFor(() =>
      expect(retries()).toEqual({ player: expect.any(HTMLElement), thumbnail: expect.any(HTMLElement) }),
    );
    rerender(undefined);
    expect(screen.getByRole('alert').textContent).toContain('This private video link is no longer valid.');
    await waitFor(() => expect(retries()).toEqual({ player: null, thumbnail: null }));
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
  });
});

describe('PrivateVideoProvider given a client', () => {
  it('renders the components below again when the client is given its getPrivateToken later: "Try again"', async () => {
    const { client, delivery } = createTestClient();
    delivery.spend('pt1');
    const playback = createFakePlayback();
    // Nothing above renders again: the app's auth calls the client's setter, as the provider's docs say.
    render(
      <PrivateVideoProvider client={client} createPlayback={playback.create}>
        <PrivateVideoPlayer videoId="vi1" privateToken="pt1" onError={() => {}} />
        <PrivateThumbnail
          videoId="vi1"
          privateToken="pt1"
          alt="Intro"
          openSession="eager"
          onError={() => {}}
        />
      </PrivateVideoProvider>,
    );
    await screen.findByRole('alert');
    await screen.findByRole('status');
    expect(retries()).toEqual({ player: null, thumbnail: null });
    client.setGetPrivateToken(async () => 'pt2');
    await waitFor(() =>
      expect(retries()).toEqual({ player: expect.any(HTMLElement), thumbnail: expect.any(HTMLElement) }),
    );
    fireEvent.click(retries().thumbnail!);
    await waitFor(() => expect(screen.getByAltText('Intro').tagName).toBe('IMG'));
    expect(delivery.requests.at(-1)).toBe('https://vod.api.video/vod/vi1/token/pt2/session');
    // The player's failure (its own, though the session is open again) no longer offers a renewal.
    client.setGetPrivateToken(undefined);
    await waitFor(() =>
      expect(within(screen.getByRole('alert')).queryByRole('button', { name: 'Try again' })).toBeNull(),
    );
  });
});

/** What each `<Probe name>` of the last render saw of its provider. */
const seen: Record<string, PrivateVideoContextValue | null> = {};
function Probe({ name }: { name: string }) {
  seen[name] = useContext(PrivateVideoContext);
  return null;
}

describe('PrivateVideoProvider inside another', () => {
  it("without options of its own, gives its players the outer one's client: the video's one session", async () => {
    const { client, delivery } = createTestClient();
    const playback = createFakePlayback();
    render(
      <PrivateVideoProvider client={client} createPlayback={playback.create}>
        <PrivateVideoProvider engine="native">
          <Probe name="nested" />
          <PrivateVideoPlayer videoId="vi1" privateToken="pt1" />
        </PrivateVideoProvider>
      </PrivateVideoProvider>,
    );
    expect(seen.nested?.client).toBe(client);
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(1));
    expect(playback.create.mock.calls[0]?.[1]).toBe(client.video({ videoId: 'vi1', privateToken: 'pt1' }));
    await waitFor(() =>
      expect(delivery.requests).toEqual(['https://vod.api.video/vod/vi1/token/pt1/session']),
    );
  });

  it("shares the outer one's client and defaults, unless given its own", async () => {
    const { client, delivery } = createTestClient();
    const playback = createFakePlayback();
    const getPrivateToken = vi.fn(async () => 'pt2');
    render(
      <PrivateVideoProvider
        client={client}
        engine="video.js"
        fallback={false}
        createPlayback={playback.create}
      >
        <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Outer" openSession="eager" />
        {/* E.g. a section of the page whose players use hls.js: its videos' sessions are the page's. */}
        <PrivateVideoProvider engine="hls.js">
          <Probe name="defaults" />
          <PrivateVideoPlayer videoId="vi1" privateToken="pt1" />
        </PrivateVideoProvider>
        <PrivateVideoProvider storage={null} getPrivateToken={getPrivateToken}>
          <Probe name="own" />
        </PrivateVideoProvider>
      </PrivateVideoProvider>,
    );
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(1));
    expect(playback.create.mock.calls[0]?.[2]).toMatchObject({ engine: 'hls.js', fallback: false });
    expect(seen.defaults).toMatchObject({ client, engine: 'hls.js', fallback: false });
    await waitFor(() => expect(screen.getByAltText('Outer').tagName).toBe('IMG'));
    expect(delivery.requests).toEqual(['https://vod.api.video/vod/vi1/token/pt1/session']);
    // The client's own options make a client of its own, which takes the defaults still.
    expect(seen.own?.client).not.toBe(client);
    expect(seen.own).toMatchObject({ engine: 'video.js', fallback: false, createPlayback: playback.create });
  });

  it.each([
    ['given a getPrivateToken after mount', undefined, 'pt2'],
    ['its getPrivateToken taken away', 'pt2', undefined],
  ])(
    'keeps the client it started with, %s: its player plays on, on the one session',
    async (_, before, after) => {
      const { client, delivery } = createTestClient();
      vi.stubGlobal('fetch', delivery.fetch); // a client of the nested provider's own asks the same delivery
      sessionStorage.clear(); // where such a client keeps its sessions
      const playback = createFakePlayback();
      const getter = (token: string | undefined) => (token ? async () => token : undefined);
      const ui = (token: string | undefined) => (
        <PrivateVideoProvider client={client} createPlayback={playback.create}>
          <PrivateVideoProvider engine="native" getPrivateToken={getter(token)}>
            <Probe name="nested" />
            <PrivateVideoPlayer videoId="vi1" privateToken="pt1" />
          </PrivateVideoProvider>
        </PrivateVideoProvider>
      );
      const { rerender } = render(ui(before));
      await waitFor(() => expect(delivery.requests).toHaveLength(1));
      const started = seen.nested?.client;
      expect(started === client).toBe(before === undefined);
      rerender(ui(after));
      expect(seen.nested?.client).toBe(started);
      expect(playback.create).toHaveBeenCalledTimes(1);
      expect(playback.instances[0]?.destroyed).toBe(false);
      expect(delivery.requests).toEqual(['https://vod.api.video/vod/vi1/token/pt1/session']);
    },
  );
});
