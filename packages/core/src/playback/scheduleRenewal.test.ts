import { createFakeDelivery } from '@private-video/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { SessionClient } from '../session/SessionClient.js';
import { FakeVideo } from '../test-utils/fakePlayback.js';
import { type RenewalSchedule, scheduleRenewal } from './scheduleRenewal.js';

/** A session opened at 0 that expires at `expiresAt`, on a clock that stays at 0. */
function sessionUntil(expiresAt: number) {
  const client = new SessionClient({ fetch: createFakeDelivery().fetch, storage: null, now: () => 0 });
  const session = client.video({ videoId: 'vi1', privateToken: 'pt1' });
  session.setSession({ token: 'st-0', acquiredAt: 0, expiresAt });
  return session;
}

/** Injectable timers that only fire when the test says so, and the schedule's other hooks as mocks. */
function setup(overrides: Partial<RenewalSchedule> = {}) {
  const timers: { callback: () => void; ms: number; cleared: boolean }[] = [];
  const renew = vi.fn();
  const canRenew = vi.fn(() => true);
  const schedule: RenewalSchedule = {
    setTimeout: (callback, ms) => timers.push({ callback, ms, cleared: false }) - 1,
    clearTimeout: (handle) => {
      timers[handle as number]!.cleared = true;
    },
    canRenew,
    renew,
    ...overrides,
  };
  return { timers, renew, canRenew, schedule, video: new FakeVideo() };
}

describe('scheduleRenewal', () => {
  it('renews the margin before the expiry, at once when due while playing', () => {
    const { timers, renew, schedule, video } = setup({ renewMargin: 30_000 });
    video.paused = false;
    scheduleRenewal(sessionUntil(100_000), video.asElement(), schedule);
    expect(timers.map((timer) => timer.ms)).toEqual([70_000]);
    timers[0]!.callback();
    expect(renew).toHaveBeenCalledTimes(1);
  });

  it('renews at the expiry itself with a renewMargin of 0', () => {
    const { timers, schedule, video } = setup({ renewMargin: 0 });
    scheduleRenewal(sessionUntil(100_000), video.asElement(), schedule);
    expect(timers.map((timer) => timer.ms)).toEqual([100_000]);
  });

  it('renews at once (0 ms, never a negative wait) when the session is within the margin already', () => {
    const { timers, schedule, video } = setup({ renewMargin: 30_000 });
    const session = sessionUntil(100_000);
    session.setSession({ token: 'st-0', acquiredAt: -90_000, expiresAt: 10_000 });
    scheduleRenewal(session, video.asElement(), schedule);
    expect(timers.map((timer) => timer.ms)).toEqual([0]);
  });

  it('never before halfway through the session: a margin as long as its life would renew in a loop', () => {
    const { timers, schedule, video } = setup({ renewMargin: 60_000 });
    scheduleRenewal(sessionUntil(30_000), video.asElement(), schedule);
    expect(timers.map((timer) => timer.ms)).toEqual([15_000]);
  });

  it('waits for play when due while paused, and renews once', () => {
    const { timers, renew, schedule, video } = setup();
    scheduleRenewal(sessionUntil(1_000_000), video.asElement(), schedule);
    timers[0]!.callback();
    expect(renew).not.toHaveBeenCalled();
    video.fire('play');
    video.fire('play');
    expect(renew).toHaveBeenCalledTimes(1);
    expect(video.listeners).toBe(0);
  });

  it('renews nothing when it may not renew any more once due', () => {
    const { timers, renew, schedule, video } = setup({ canRenew: () => false });
    scheduleRenewal(sessionUntil(1_000_000), video.asElement(), schedule);
    timers[0]!.callback();
    video.fire('play');
    expect(renew).not.toHaveBeenCalled();
    expect(video.listeners).toBe(0);
  });

  it('cancels its timer, or its wait for play once due', () => {
    const first = setup();
    scheduleRenewal(sessionUntil(1_000_000), first.video.asElement(), first.schedule)();
    expect(first.timers.map((timer) => timer.cleared)).toEqual([true]);

    const { timers, renew, schedule, video } = setup();
    const cancel = scheduleRenewal(sessionUntil(1_000_000), video.asElement(), schedule);
    timers[0]!.callback();
    cancel();
    video.fire('play');
    expect(renew).not.toHaveBeenCalled();
    expect(video.listeners).toBe(0);
  });

  it('schedules nothing without a session', () => {
    const { timers, schedule, video } = setup();
    const client = new SessionClient({ fetch: createFakeDelivery().fetch, storage: null });
    scheduleRenewal(client.video({ videoId: 'vi1', privateToken: 'pt1' }), video.asElement(), schedule)();
    expect(timers).toEqual([]);
  });
});
