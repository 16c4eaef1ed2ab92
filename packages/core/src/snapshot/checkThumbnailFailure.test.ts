import { createFakeDelivery, deferred } from '@private-video/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { checkSession } from '../session/checkSession.js';
import { SessionClient, type SessionClientOptions } from '../session/SessionClient.js';
import { checkThumbnailFailure } from './checkThumbnailFailure.js';

const base = 'https://vod.api.video/vod/vi1/token/pt1';

async function openVideo(options: SessionClientOptions = {}) {
  const delivery = createFakeDelivery();
  const client = new SessionClient({
    fetch: delivery.fetch,
    storage: null,
    sleep: async () => {},
    ...options,
  });
  const video = client.video({ videoId: 'vi1', privateToken: 'pt1' });
  await video.open();
  return { delivery, video };
}

/** A probe answering `status`, recording what it was asked. */
const answering = (status: number) =>
  vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => new Response('', { status }));

describe('checkThumbnailFailure', () => {
  it('says the image itself failed when the signed manifest, its probe, answers', async () => {
    const { video } = await openVideo();
    const probe = answering(200);
    const error = await checkThumbnailFailure(video, `${base}/thumbnail.jpg?avh=st-1`, probe);
    expect(error).toMatchObject({ code: 'media', message: 'The thumbnail could not be loaded.' });
    expect(probe.mock.calls).toEqual([
      [`${base}/hls/manifest.m3u8?avh=st-1`, expect.objectContaining({ cache: 'no-store' })],
    ]);
  });

  it('gives its probe as long as a session request may take (10 s), not for good', async () => {
    const { video } = await openVideo();
    const timeout = vi.spyOn(AbortSignal, 'timeout');
    const probe = answering(200);
    await checkThumbnailFailure(video, `${base}/thumbnail.jpg?avh=st-1`, probe);
    expect(timeout).toHaveBeenCalledWith(10_000);
    expect(probe.mock.calls[0]![1]!.signal).toBe(timeout.mock.results[0]!.value);
  });

  it('renews a session the delivery has ended through getPrivateToken: no error, a new session', async () => {
    const getPrivateToken = vi.fn(async () => 'pt2');
    const { video } = await openVideo({ getPrivateToken });
    await expect(
      checkThumbnailFailure(video, `${base}/thumbnail.jpg?avh=st-1`, answering(404)),
    ).resolves.toBeUndefined();
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    expect(video.assets().thumbnail).toBe('https://vod.api.video/vod/vi1/token/pt2/thumbnail.jpg?avh=st-2');
  });

  it('renews nothing, and says nothing, for a thumbnail gone while its session was checked', async () => {
    const getPrivateToken = vi.fn(async () => 'pt2');
    const { video } = await openVideo({ getPrivateToken });
    const gone = new AbortController();
    const answer = deferred<Response>();
    const checked = checkThumbnailFailure(
      video,
      `${base}/thumbnail.jpg?avh=st-1`,
      () => answer.promise,
      gone.signal,
    );
    gone.abort(); // unmounted before the probe's answer came
    answer.resolve(new Response('', { status: 404 }));
    await expect(checked).resolves.toBeUndefined();
    expect(getPrivateToken).not.toHaveBeenCalled();
    expect(video.getState().session?.token).toBe('st-1');
  });

  it('says why a renewal failed (the old session stays in place: no error on it)', async () => {
    const { video } = await openVideo({
      getPrivateToken: async () => Promise.reject(new Error('backend down')),
    });
    const error = await checkThumbnailFailure(video, `${base}/thumbnail.jpg?avh=st-1`, answering(403));
    expect(error?.code).toBe('renewal-failed');
  });

  it('says session-expired when nothing can renew the ended session (no URL in it: it holds the tokens)', async () => {
    const { video } = await openVideo();
    const error = await checkThumbnailFailure(video, `${base}/thumbnail.jpg?avh=st-1`, answering(404));
    expect(error).toMatchObject({ code: 'session-expired', url: undefined });
    expect(error!.message).not.toContain('pt1');
  });

  it('says network when the check gets no answer either', async () => {
    const { video } = await openVideo();
    const offline = vi.fn(async () => Promise.reject(new TypeError('Failed to fetch')));
    const error = await checkThumbnailFailure(video, `${base}/thumbnail.jpg?avh=st-1`, offline);
    expect(error?.code).toBe('network');
  });
});

describe('checkSession', () => {
  it('probes the thumbnail when the manifest itself was refused', async () => {
    const { video } = await openVideo();
    const probe = answering(200);
    await expect(checkSession(video, `${base}/hls/manifest.m3u8?avh=st-1`, probe)).resolves.toBe('alive');
    expect(probe.mock.calls[0]![0]).toBe(`${base}/thumbnail.jpg`);
  });

  it('finds a session renewed while its probe ran alive: the refusal was about the old one', async () => {
    const { video } = await openVideo({ getPrivateToken: async () => 'pt2' });
    const answer = deferred<Response>();
    const check = checkSession(video, `${base}/thumbnail.jpg?avh=st-1`, () => answer.promise);
    await video.renew();
    answer.resolve(new Response('', { status: 404 }));
    await expect(check).resolves.toBe('alive');
  });

  it.each([500, 429])(
    'finds the session alive when the probe answers %i (no word on the session)',
    async (status) => {
      const { video } = await openVideo();
      await expect(checkSession(video, `${base}/thumbnail.jpg`, answering(status))).resolves.toBe('alive');
    },
  );

  it('makes no request for a public video, whose assets failed', async () => {
    const client = new SessionClient({ storage: null });
    const probe = answering(404);
    await expect(checkSession(client.video({ videoId: 'vi1' }), 'x', probe)).resolves.toBe('alive');
    expect(probe).not.toHaveBeenCalled();
  });
});
