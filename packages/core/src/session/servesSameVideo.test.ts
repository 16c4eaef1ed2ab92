import { createFakeDelivery } from '@private-video/test-utils';
import { describe, expect, it } from 'vitest';
import { toVideoRef } from '../source/toVideoRef.js';
import { SessionClient } from './SessionClient.js';
import { servesSameVideo } from './servesSameVideo.js';

const video = { videoId: 'vi1', privateToken: 'pt1' };
const refetched = toVideoRef({ videoId: 'vi1', privateToken: 'pt2' });

function setup() {
  const delivery = createFakeDelivery();
  let time = 1_000_000;
  const client = new SessionClient({ fetch: delivery.fetch, now: () => time, storage: null });
  const advance = (ms: number) => {
    time += ms;
  };
  return { client, delivery, advance };
}

describe('servesSameVideo', () => {
  it('serves the same video with a new private token while its session lives, with no request', async () => {
    const { client, delivery } = setup();
    await client.getSession(video);
    expect(servesSameVideo(client.video(video), refetched)).toBe(true);
    // The API's URL of that video, as a refetched object carries it.
    const url = toVideoRef('https://vod.api.video/vod/vi1/token/pt3/hls/manifest.m3u8');
    expect(servesSameVideo(client.video(video), url)).toBe(true);
    expect(delivery.requests).toHaveLength(1);
  });

  it('does before the session opened only while it opens, and not once it failed', async () => {
    const { client, delivery } = setup();
    expect(servesSameVideo(client.video(video), refetched)).toBe(false);
    delivery.spend('pt1');
    const opening = client.getSession(video);
    expect(servesSameVideo(client.video(video), refetched)).toBe(true);
    await expect(opening).rejects.toMatchObject({ code: 'token-used' });
    expect(servesSameVideo(client.video(video), refetched)).toBe(false);
  });

  it('does not once the session expired: the new token is the way to a new one', async () => {
    const { client, advance } = setup();
    await client.getSession(video);
    advance(86_400_000);
    expect(servesSameVideo(client.video(video), refetched)).toBe(false);
  });

  it('does while an expired session renews: its new session is the one to serve', async () => {
    const { client, advance } = setup();
    client.setGetPrivateToken(() => 'pt9');
    await client.getSession(video);
    advance(86_400_000);
    const renewal = client.video(video).open();
    expect(client.video(video).getState().status).toBe('renewing');
    expect(servesSameVideo(client.video(video), refetched)).toBe(true);
    await renewal;
  });

  it.each([
    ['another video', { videoId: 'vi2', privateToken: 'pt2' }],
    ['another delivery origin', { ...video, privateToken: 'pt2', domains: { vod: 'http://127.0.0.1:4010' } }],
    ['a live stream of that id', { ...video, privateToken: 'pt2', live: true }],
    ['the video made public', { videoId: 'vi1' }],
  ])('does not serve %s', async (_, other) => {
    const { client } = setup();
    await client.getSession(video);
    expect(servesSameVideo(client.video(video), toVideoRef(other))).toBe(false);
  });

  it('serves it after a renewal moved the session to a third token', async () => {
    const { client } = setup();
    client.setGetPrivateToken(() => 'pt9');
    await client.getSession(video);
    await client.renew(video);
    expect(client.video(video).ref.privateToken).toBe('pt9');
    expect(servesSameVideo(client.video(video), refetched)).toBe(true);
  });
});
