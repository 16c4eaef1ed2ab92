// @vitest-environment node
import { SessionClient } from '@private-video/core';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PrivateThumbnail } from './PrivateThumbnail.js';
import { PrivateVideoPlayer } from './PrivateVideoPlayer.js';
import { PrivateVideoProvider } from './PrivateVideoProvider.js';

const base = 'https://vod.api.video/vod/vi1/token/pt1';

describe('server rendering (no window, no document)', () => {
  it('renders the placeholders and the video without opening anything', () => {
    expect(typeof window).toBe('undefined');
    let requests = 0;
    const client = new SessionClient({
      storage: null,
      fetch: async () => {
        requests += 1;
        return Response.json({ session_token: 'st' });
      },
    });
    const html = renderToString(
      <PrivateVideoProvider client={client}>
        <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Intro" href="/watch/vi1" />
        <PrivateVideoPlayer videoId="vi1" privateToken="pt1" controls />
        <PrivateVideoPlayer videoId="vi1" privateToken="pt1" engine="video.js" />
      </PrivateVideoProvider>,
    );
    expect(html).toContain('aria-busy="true"');
    expect(html).toContain('aspect-ratio:16 / 9');
    expect(html).toContain('<video controls=""');
    expect(html).toContain('data-private-video-player="video.js"');
    expect(html).not.toContain('avh=');
    expect(requests).toBe(0);
  });

  it('renders signed URLs with a server-opened session, also without a provider', () => {
    const html = renderToString(
      <>
        <PrivateThumbnail
          videoId="vi1"
          privateToken="pt1"
          alt="Intro"
          session={{ token: 'srv', expiresAt: Date.now() + 60_000 }}
        />
        <PrivateVideoPlayer videoId="vi1" privateToken="pt1" session={{ token: 'srv' }} />
      </>,
    );
    expect(html).toContain(`src="${base}/thumbnail.jpg?avh=srv"`);
    expect(html).toContain(`poster="${base}/thumbnail.jpg?avh=srv"`);
    expect(html).toContain('loading="lazy"');
  });

  it('renders a public thumbnail as is', () => {
    const html = renderToString(<PrivateThumbnail videoId="vi9" alt="Public" />);
    expect(html).toContain('src="https://vod.api.video/vod/vi9/thumbnail.jpg"');
  });
});
