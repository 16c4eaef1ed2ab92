import { getDefaultClient, SessionClient } from '@private-video/core';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { PrivateVideoProvider } from './PrivateVideoProvider.js';
import { stubIntersectionObserver } from './test-utils/intersectionObserver.js';
import { createTestClient } from './test-utils/render.js';
import { useInViewport } from './useInViewport.js';
import { usePrivateAssets } from './usePrivateAssets.js';
import { usePrivateSession } from './usePrivateSession.js';
import { usePrivateVideoClient } from './usePrivateVideoClient.js';

const video = { videoId: 'vi1', privateToken: 'pt1' };
const base = 'https://vod.api.video/vod/vi1/token/pt1';

function withClient(client: SessionClient) {
  return ({ children }: { children: ReactNode }) => (
    <PrivateVideoProvider client={client}>{children}</PrivateVideoProvider>
  );
}

describe('usePrivateSession', () => {
  it('opens the session and follows its state; sign is stable while the session is', async () => {
    const { client, delivery } = createTestClient();
    const { result, rerender } = renderHook(() => usePrivateSession({ ...video }), {
      wrapper: withClient(client),
    });
    expect(['idle', 'opening']).toContain(result.current.status);
    await waitFor(() => expect(result.current.status).toBe('open'));
    expect(result.current.session?.token).toBe('st-1');
    expect(result.current.sign(`${base}/mp4/source.mp4`)).toBe(`${base}/mp4/source.mp4?avh=st-1`);
    expect(result.current.sign('https://example.com/x.jpg')).toBe('https://example.com/x.jpg');
    const sign = result.current.sign;
    rerender();
    expect(result.current.sign).toBe(sign);
    expect(result.current.videoSession).toBe(client.video(video));
    expect(delivery.fetch).toHaveBeenCalledTimes(1);
  });

  it('signs URLs of the given private token after a renewal, on the new token', async () => {
    const { client } = createTestClient();
    const { result } = renderHook(() => usePrivateSession(video), { wrapper: withClient(client) });
    await waitFor(() => expect(result.current.status).toBe('open'));
    await act(() => result.current.videoSession!.renew({ getPrivateToken: async () => 'pt2' }));
    expect(result.current.ref?.privateToken).toBe('pt2');
    // The app still builds URLs from the token it was given.
    expect(result.current.sign(`${base}/mp4/source.mp4`)).toBe(
      `https://vod.api.video/vod/vi1/token/pt2/mp4/source.mp4?avh=${result.current.session?.token}`,
    );
  });

  it("keeps the live session for a new private token of the video, and signs the new token's URLs onto it", async () => {
    const { client, delivery } = createTestClient();
    const { result, rerender } = renderHook(
      ({ privateToken }) => usePrivateSession({ videoId: 'vi1', privateToken }),
      { wrapper: withClient(client), initialProps: { privateToken: 'pt1' } },
    );
    await waitFor(() => expect(result.current.status).toBe('open'));
    rerender({ privateToken: 'pt2' });
    expect(result.current.videoSession).toBe(client.video(video));
    // An asset URL of the API object fetched again: on the new token's path, which the session's avh does not open.
    const url = 'https://vod.api.video/vod/vi1/token/pt2/mp4/source.mp4?download=1';
    expect(result.current.sign(url)).toBe(`${base}/mp4/source.mp4?download=1&avh=st-1`);
    expect(result.current.sign(`${base}/thumbnail.jpg`)).toBe(`${base}/thumbnail.jpg?avh=st-1`);
    expect(result.current.sign('https://vod.api.video/vod/vi2/token/pt2/thumbnail.jpg')).toBe(
      'https://vod.api.video/vod/vi2/token/pt2/thumbnail.jpg',
    );
    expect(delivery.requests).toEqual([`${base}/session`]);
  });

  it("takes session: null (openSession's answer for a public video) as no session", async () => {
    const { client, delivery } = createTestClient();
    const { result } = renderHook(() => usePrivateSession(video, { session: null }), {
      wrapper: withClient(client),
    });
    await waitFor(() => expect(result.current.status).toBe('open'));
    expect(result.current.session?.token).toBe('st-1');
    expect(delivery.fetch).toHaveBeenCalledTimes(1);
  });

  it('waits while enabled is false', async () => {
    const { client, delivery } = createTestClient();
    const { result, rerender } = renderHook(({ enabled }) => usePrivateSession(video, { enabled }), {
      wrapper: withClient(client),
      initialProps: { enabled: false },
    });
    await Promise.resolve();
    expect(result.current.status).toBe('idle');
    expect(delivery.fetch).not.toHaveBeenCalled();
    rerender({ enabled: true });
    await waitFor(() => expect(result.current.status).toBe('open'));
  });

  it('reports errors, including a source it cannot read', async () => {
    const { client, delivery } = createTestClient();
    delivery.spend('pt1');
    const used = renderHook(() => usePrivateSession(video), { wrapper: withClient(client) });
    await waitFor(() => expect(used.result.current.error?.code).toBe('token-used'));
    expect(used.result.current.status).toBe('error');
    const invalid = renderHook(() => usePrivateSession('nope'), { wrapper: withClient(client) });
    expect(invalid.result.current).toMatchObject({ status: 'error', error: { code: 'invalid-source' } });
  });

  it('is public, with no request, for a public video', () => {
    const { client, delivery } = createTestClient();
    const { result } = renderHook(() => usePrivateSession({ videoId: 'vi1' }), {
      wrapper: withClient(client),
    });
    expect(result.current.status).toBe('public');
    expect(delivery.fetch).not.toHaveBeenCalled();
  });
});

describe('usePrivateAssets', () => {
  it('gives the signed URLs once the session is open', async () => {
    const { client } = createTestClient();
    const { result } = renderHook(() => usePrivateAssets(video), { wrapper: withClient(client) });
    expect(result.current).toEqual({ thumbnail: undefined, hls: undefined, mp4: undefined });
    await waitFor(() => expect(result.current.thumbnail).toBe(`${base}/thumbnail.jpg?avh=st-1`));
    expect(result.current).toEqual({
      thumbnail: `${base}/thumbnail.jpg?avh=st-1`,
      hls: `${base}/hls/manifest.m3u8?avh=st-1`,
      mp4: `${base}/mp4/source.mp4?avh=st-1`,
    });
  });

  it('gives no URL signed with a session that expired by the clock: the delivery would refuse it', async () => {
    const { client } = createTestClient({ now: () => 2_000, getPrivateToken: async () => 'pt2' });
    const seen: (string | undefined)[] = [];
    const { result } = renderHook(
      () => {
        const assets = usePrivateAssets(video, { session: { token: 'st-old', expiresAt: 1_000 } });
        seen.push(assets.thumbnail, assets.hls, assets.mp4);
        return assets;
      },
      { wrapper: withClient(client) },
    );
    await waitFor(() =>
      expect(result.current.hls).toBe('https://vod.api.video/vod/vi1/token/pt2/hls/manifest.m3u8?avh=st-1'),
    );
    expect(seen.filter((url) => url?.includes('st-old'))).toEqual([]);
  });

  it('renews a session that expired by the clock while mounted, at the next render, and gives its URLs', async () => {
    let time = 1_000_000;
    const { client, delivery } = createTestClient({
      now: () => time,
      sessionTtl: 5_000,
      getPrivateToken: async () => 'pt2',
    });
    const { result, rerender } = renderHook(() => usePrivateAssets(video), { wrapper: withClient(client) });
    await waitFor(() => expect(result.current.mp4).toBe(`${base}/mp4/source.mp4?avh=st-1`));
    time += 6_000;
    rerender(); // anything: the page left open past the session's life, then used again
    expect(result.current.mp4).toBeUndefined();
    await waitFor(() =>
      expect(result.current.mp4).toBe('https://vod.api.video/vod/vi1/token/pt2/mp4/source.mp4?avh=st-2'),
    );
    expect(delivery.fetch).toHaveBeenCalledTimes(2);
  });

  it('adopts a server session at once', () => {
    const { client, delivery } = createTestClient();
    const { result } = renderHook(() => usePrivateAssets(video, { session: { token: 'srv' } }), {
      wrapper: withClient(client),
    });
    expect(result.current.hls).toBe(`${base}/hls/manifest.m3u8?avh=srv`);
    expect(delivery.fetch).not.toHaveBeenCalled();
  });
});

describe('usePrivateVideoClient', () => {
  it('is the provider client, or the default one', () => {
    const client = new SessionClient({ storage: null });
    expect(renderHook(() => usePrivateVideoClient(), { wrapper: withClient(client) }).result.current).toBe(
      client,
    );
    expect(renderHook(() => usePrivateVideoClient()).result.current).toBe(getDefaultClient());
  });

  it("refuses, in its types, a given client beside the options it would ignore; the given client's own are used", () => {
    const given = new SessionClient({ storage: null });
    const wrapper = ({ children }: { children: ReactNode }) => (
      // @ts-expect-error: with a client of yours, give it these options (they cannot reach it from here)
      <PrivateVideoProvider client={given} getPrivateToken={() => 'pt3'} domains={{ vod: 'cdn.example.com' }}>
        {children}
      </PrivateVideoProvider>
    );
    const { result } = renderHook(() => usePrivateVideoClient(), { wrapper });
    expect(result.current).toBe(given);
    expect(result.current.video({ videoId: 'vi1' }).ref.domains.vod).toBe('https://vod.api.video');
  });

  it('is created once by a provider given options', () => {
    const wrapper = ({ children }: { children: ReactNode }) => (
      <PrivateVideoProvider domains={{ vod: 'cdn.example.com' }} storage={null}>
        {children}
      </PrivateVideoProvider>
    );
    const { result, rerender } = renderHook(() => usePrivateVideoClient(), { wrapper });
    const first = result.current;
    rerender();
    expect(result.current).toBe(first);
    expect(first.video({ videoId: 'vi1' }).ref.domains.vod).toBe('https://cdn.example.com');
  });

  it("falls back to a client of the provider's own options, not the default one, when its client is removed", () => {
    const given = new SessionClient({ storage: null });
    // One provider element whose props switch from a given client to options of its own.
    const wrapper = ({ children, client }: { children: ReactNode; client?: SessionClient }) => (
      <PrivateVideoProvider
        {...(client ? { client } : { domains: { vod: 'cdn.example.com' }, storage: null })}
      >
        {children}
      </PrivateVideoProvider>
    );
    let current: SessionClient | undefined = given;
    const { result, rerender } = renderHook(() => usePrivateVideoClient(), {
      wrapper: (props) => wrapper({ ...props, client: current }),
    });
    expect(result.current).toBe(given);
    current = undefined;
    rerender();
    const own = result.current;
    expect(own).not.toBe(getDefaultClient());
    expect(own.video({ videoId: 'vi1' }).ref.domains.vod).toBe('https://cdn.example.com');
    rerender();
    expect(result.current).toBe(own);
  });
});

describe('useInViewport', () => {
  it('answers for the element it is given: another element is watched anew', () => {
    const io = stubIntersectionObserver();
    const first = document.createElement('span');
    const second = document.createElement('span');
    const { result, rerender } = renderHook(({ element }) => useInViewport(element), {
      initialProps: { element: first },
    });
    act(() => io.enter(first));
    expect(result.current).toBe(true);
    expect(io.observers).toHaveLength(0);
    rerender({ element: second });
    expect(result.current).toBe(false);
    expect(io.observers.map((observer) => [...observer.elements])).toEqual([[second]]);
    act(() => io.enter(second));
    expect(result.current).toBe(true);
    rerender({ element: second });
    expect(result.current).toBe(true);
  });
});
