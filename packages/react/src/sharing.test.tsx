import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ClickToPlay } from '../examples/ClickToPlay.js';
import { PrivateThumbnail } from './PrivateThumbnail.js';
import { PrivateVideoPlayer } from './PrivateVideoPlayer.js';
import { stubIntersectionObserver } from './test-utils/intersectionObserver.js';
import { createTestClient, renderWithClient } from './test-utils/render.js';

const sessionUrl = 'https://vod.api.video/vod/vi1/token/pt1/session';

describe('one session per video and private token, for the whole page', () => {
  it('a thumbnail and a player of one video make one /session request', async () => {
    const { client, delivery, playback } = renderWithClient(
      <>
        <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Intro" />
        <PrivateVideoPlayer src="https://vod.api.video/vod/vi1/token/pt1/hls/manifest.m3u8" />
      </>,
    );
    await waitFor(() => expect(screen.getByAltText('Intro').tagName).toBe('IMG'));
    await waitFor(() => expect(playback.instances[0]?.state).toBe('loading'));
    expect(delivery.requests).toEqual([sessionUrl]);
    expect(playback.instances[0]?.session).toBe(client.video({ videoId: 'vi1', privateToken: 'pt1' }));
  });

  it("a player given its own client plays in that client's session, not the provider's", async () => {
    const own = createTestClient();
    const { delivery, playback } = renderWithClient(
      <>
        <PrivateThumbnail client={own.client} videoId="vi1" privateToken="pt1" alt="Intro" />
        <PrivateVideoPlayer client={own.client} videoId="vi1" privateToken="pt1" />
      </>,
    );
    await waitFor(() => expect(playback.instances[0]?.state).toBe('loading'));
    expect(own.delivery.requests).toEqual([sessionUrl]);
    expect(delivery.requests).toEqual([]);
    expect(playback.instances[0]?.session).toBe(own.client.video({ videoId: 'vi1', privateToken: 'pt1' }));
  });

  it('a player with its own client and a server session makes no /session request at all', async () => {
    const own = createTestClient();
    const { delivery, playback } = renderWithClient(
      <PrivateVideoPlayer client={own.client} videoId="vi1" privateToken="pt1" session={{ token: 'srv' }} />,
    );
    await waitFor(() => expect(playback.instances[0]?.state).toBe('loading'));
    expect([...own.delivery.requests, ...delivery.requests]).toEqual([]);
  });

  it('still one under StrictMode, and across remounts', async () => {
    const ui = (
      <>
        <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="A" />
        <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="B" openSession="eager" />
        <PrivateVideoPlayer videoId="vi1" privateToken="pt1" />
      </>
    );
    const { delivery, playback, rerender } = renderWithClient(ui, { strict: true });
    await waitFor(() => expect(screen.getByAltText('A').tagName).toBe('IMG'));
    rerender(null);
    rerender(ui);
    await waitFor(() => expect(screen.getByAltText('B').getAttribute('src')).toContain('avh=st-1'));
    expect(delivery.requests).toEqual([sessionUrl]);
    expect(playback.live).toHaveLength(1);
  });

  it('the clickable thumbnail swaps to the player in the same session', async () => {
    const { delivery, playback, container } = renderWithClient(
      <ClickToPlay videoId="vi1" privateToken="pt1" alt="Play intro" />,
      { strict: true },
    );
    await waitFor(() => expect(screen.getByAltText('Play intro').tagName).toBe('IMG'));
    fireEvent.click(screen.getByRole('button', { name: 'Play intro' }));
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(1));
    await waitFor(() =>
      expect(container.querySelector('video')?.getAttribute('poster')).toContain('avh=st-1'),
    );
    expect(delivery.requests).toEqual([sessionUrl]);
  });

  it('the clickable thumbnail hands its focus to the player it opens', async () => {
    const { container } = renderWithClient(
      <ClickToPlay videoId="vi1" privateToken="pt1" alt="Play intro" />,
      {
        strict: true,
      },
    );
    const button = screen.getByRole('button', { name: 'Play intro' });
    button.focus();
    fireEvent.click(button);
    const video = container.querySelector('video');
    expect(video).not.toBeNull();
    expect(document.activeElement).toBe(video);
  });

  it('a server session given to a second component of a video already shown updates the first without a render-phase update', async () => {
    stubIntersectionObserver(); // the first thumbnail listens, and waits for the viewport
    const consoleError = vi.spyOn(console, 'error');
    const first = <PrivateThumbnail key="first" videoId="vi1" privateToken="pt1" alt="First" />;
    const { delivery, rerender } = renderWithClient(first);
    rerender(
      <>
        {first}
        <PrivateThumbnail
          key="second"
          videoId="vi1"
          privateToken="pt1"
          alt="Second"
          session={{ token: 'srv' }}
        />
      </>,
    );
    for (const alt of ['First', 'Second']) {
      await waitFor(() => expect(screen.getByAltText(alt).getAttribute('src')).toContain('avh=srv'));
    }
    expect(consoleError).not.toHaveBeenCalled();
    expect(delivery.fetch).not.toHaveBeenCalled();
  });

  it('a player mounted with a later fetch of the video (a new token) plays on the thumbnail session', async () => {
    const thumbnail = <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Intro" openSession="eager" />;
    const { client, delivery, playback, rerender } = renderWithClient(thumbnail);
    await waitFor(() => expect(screen.getByAltText('Intro').tagName).toBe('IMG'));
    // E.g. a watch page whose own GET /videos/{videoId} gave the player another private token.
    rerender(
      <>
        {thumbnail}
        <PrivateVideoPlayer videoId="vi1" privateToken="pt2" />
      </>,
    );
    await waitFor(() => expect(playback.instances[0]?.state).toBe('loading'));
    expect(playback.instances[0]?.session).toBe(client.video({ videoId: 'vi1', privateToken: 'pt1' }));
    expect(delivery.requests).toEqual([sessionUrl]);
  });

  it("a player given a later token with its server session plays on the thumbnail's, and keeps no spent token for renewal", async () => {
    const thumbnail = <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Intro" openSession="eager" />;
    const { client, delivery, playback, rerender } = renderWithClient(thumbnail);
    await waitFor(() => expect(screen.getByAltText('Intro').tagName).toBe('IMG'));
    // A server component rendered again: a new token, spent by the session the server opened with it.
    rerender(
      <>
        {thumbnail}
        <PrivateVideoPlayer videoId="vi1" privateToken="pt2" session={{ token: 'srv' }} />
      </>,
    );
    await waitFor(() => expect(playback.instances[0]?.state).toBe('loading'));
    const served = client.video({ videoId: 'vi1', privateToken: 'pt1' });
    expect(playback.instances[0]?.session).toBe(served);
    expect(served.canRenew()).toBe(false);
    expect(delivery.requests).toEqual([sessionUrl]);
  });

  it('different tokens of one video shown before either session lives are different sessions', async () => {
    const { delivery } = renderWithClient(
      <>
        <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="A" />
        <PrivateThumbnail videoId="vi1" privateToken="pt2" alt="B" />
      </>,
    );
    await waitFor(() => expect(delivery.fetch).toHaveBeenCalledTimes(2));
  });
});
