import type { GetPrivateToken } from '@private-video/core';
import { createFakeDelivery } from '@private-video/test-utils';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { PrivateVideoPlayer } from './PrivateVideoPlayer.js';
import { PrivateVideoProvider } from './PrivateVideoProvider.js';
import { createFakePlayback } from './test-utils/fakePlayback.js';

/**
 * A player under a provider that creates its own client, on a fake delivery (through the global `fetch`,
 * which that client calls) where the player's private token is already spent.
 */
function renderSpentPlayer(getPrivateToken: GetPrivateToken | undefined) {
  const delivery = createFakeDelivery();
  delivery.spend('pt1');
  vi.stubGlobal('fetch', delivery.fetch);
  const playback = createFakePlayback();
  const ui = (getter: GetPrivateToken | undefined) => (
    <PrivateVideoProvider storage={null} createPlayback={playback.create} getPrivateToken={getter}>
      <PrivateVideoPlayer videoId="vi1" privateToken="pt1" />
    </PrivateVideoProvider>
  );
  const { rerender } = render(ui(getPrivateToken));
  return { delivery, playback, rerender: (getter: GetPrivateToken | undefined) => rerender(ui(getter)) };
}

describe('PrivateVideoProvider: getPrivateToken', () => {
  it('renews with a getPrivateToken given after mount', async () => {
    const { delivery, playback, rerender } = renderSpentPlayer(undefined);
    await screen.findByRole('alert');
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull(); // nothing to renew with yet
    const getPrivateToken = vi.fn(async () => 'pt2');
    rerender(getPrivateToken);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(2));
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    expect(delivery.requests.at(-1)).toBe('https://vod.api.video/vod/vi1/token/pt2/session');
  });

  it('no longer offers to renew once its getPrivateToken is taken away', async () => {
    const getPrivateToken = vi.fn(async () => 'pt2');
    const { rerender } = renderSpentPlayer(getPrivateToken);
    await screen.findByRole('button', { name: 'Try again' });
    rerender(undefined);
    expect(screen.getByRole('alert').textContent).toContain('This private video link has already been used.');
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(getPrivateToken).not.toHaveBeenCalled();
  });
});
