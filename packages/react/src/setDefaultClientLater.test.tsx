import { getDefaultClient, SessionClient, setDefaultClient } from '@private-video/core';
import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, onTestFinished } from 'vitest';
import { PrivateThumbnail } from './PrivateThumbnail.js';
import { createTestClient } from './test-utils/render.js';

describe('without a provider, a default client set after mount (setDefaultClient)', () => {
  it('does not reopen, at the next render, a session the mounted thumbnail has: its token is spent', async () => {
    const previous = getDefaultClient();
    onTestFinished(() => setDefaultClient(previous));
    const first = createTestClient();
    setDefaultClient(first.client);
    // E.g. set in an effect once the app's auth has loaded; on the same delivery, with memory storage.
    const later = new SessionClient({ fetch: first.delivery.fetch, storage: null, retry: { retries: 0 } });
    const ui = (label: string) => (
      <>
        <h1>{label}</h1>
        <PrivateThumbnail
          videoId="vi1"
          privateToken="pt1"
          alt="Intro"
          openSession="eager"
          onError={() => {}}
        />
      </>
    );
    const { rerender } = render(ui('Home'));
    await waitFor(() => expect(screen.getByAltText('Intro').getAttribute('src')).toContain('avh=st-1'));
    setDefaultClient(later);
    rerender(ui('Home, signed in')); // any render of the page
    await act(async () => {});
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getByAltText('Intro').getAttribute('src')).toContain('avh=st-1');
    expect(first.delivery.requests).toEqual(['https://vod.api.video/vod/vi1/token/pt1/session']);
  });
});
