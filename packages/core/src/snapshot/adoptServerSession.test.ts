import { createFakeDelivery } from '@private-video/test-utils';
import { describe, expect, it } from 'vitest';
import { SessionClient } from '../session/SessionClient.js';
import { adoptServerSession } from './adoptServerSession.js';

const video = { videoId: 'vi1', privateToken: 'pt1' };

function setup() {
  const delivery = createFakeDelivery();
  let time = 1_000_000;
  const client = new SessionClient({
    fetch: delivery.fetch,
    now: () => time,
    storage: null,
    sleep: async () => {},
    getPrivateToken: async () => 'pt2',
  });
  const advance = (ms: number) => {
    time += ms;
  };
  return { client, delivery, videoSession: client.video(video), now: () => time, advance };
}

describe('adoptServerSession', () => {
  it('adopts a server session before anything opened: no /session request', async () => {
    const { delivery, videoSession, now } = setup();
    adoptServerSession(videoSession, { token: 'server-st', expiresAt: now() + 60_000 });
    expect(videoSession.getState()).toMatchObject({ status: 'open', session: { token: 'server-st' } });
    await expect(videoSession.open()).resolves.toMatchObject({ token: 'server-st' });
    expect(delivery.requests).toEqual([]);
  });

  it('leaves a session the browser has by now, open or opening, in place', async () => {
    const { videoSession, now } = setup();
    const opening = videoSession.open();
    adoptServerSession(videoSession, { token: 'server-st', expiresAt: now() + 60_000 });
    expect(videoSession.getState().status).toBe('opening');
    await opening;
    adoptServerSession(videoSession, { token: 'other-server-st', expiresAt: now() + 60_000 });
    expect(videoSession.getState().session?.token).toBe('st-1');
  });

  it('adopts each server session once: rendering it again does not undo a renewal', async () => {
    const { videoSession, now, advance } = setup();
    const serverSession = { token: 'server-st', expiresAt: now() + 60_000 };
    adoptServerSession(videoSession, serverSession);
    advance(61_000);
    await videoSession.open(); // expired: renewed through getPrivateToken
    expect(videoSession.getState().session?.token).toBe('st-1');
    advance(24 * 3_600_000);
    // getPrivateToken gives the same token again: this renewal fails.
    await expect(videoSession.open()).rejects.toMatchObject({ code: 'renewal-failed' });
    expect(videoSession.getState().status).toBe('error');
    adoptServerSession(videoSession, serverSession); // the same, long expired one
    expect(videoSession.getState().status).toBe('error');
    // A new one (the server opened another session since) is adopted.
    adoptServerSession(videoSession, { token: 'server-st-2', expiresAt: now() + 60_000 });
    expect(videoSession.getState()).toMatchObject({ status: 'open', session: { token: 'server-st-2' } });
  });

  it('refuses a server session that setSession refuses every time it is offered: none is passed over', () => {
    const { delivery, videoSession } = setup();
    // An expiry serialised as a date, not a number of ms.
    const serverSession = { token: 'server-st', expiresAt: '2030-01-01T00:00:00Z' as unknown as number };
    for (let offer = 0; offer < 2; offer++) {
      expect(() => adoptServerSession(videoSession, serverSession)).toThrow(
        expect.objectContaining({ code: 'invalid-source' }),
      );
    }
    expect(videoSession.getState().status).toBe('idle');
    expect(delivery.requests).toEqual([]);
  });
});
