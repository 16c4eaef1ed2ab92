import { type MountedTarget, type PlaybackTarget, PrivateVideoError } from '@private-video/core';
import { deferred, json } from '@private-video/test-utils';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { PrivateVideoProvider } from './PrivateVideoProvider.js';
import { createFakePlayback } from './test-utils/fakePlayback.js';
import { createTestClient } from './test-utils/render.js';
import { usePrivatePlayback } from './usePrivatePlayback.js';

function setup() {
  const { client, delivery } = createTestClient();
  const playback = createFakePlayback();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <PrivateVideoProvider client={client} createPlayback={playback.create}>
      {children}
    </PrivateVideoProvider>
  );
  const videoSession = client.video({ videoId: 'vi1', privateToken: 'pt1' });
  return { client, delivery, playback, wrapper, videoSession };
}

describe('usePrivatePlayback with a target that mounts asynchronously', () => {
  it('starts the controller in the element the target resolves with', async () => {
    const { playback, wrapper, videoSession } = setup();
    const video = document.createElement('video');
    const target: PlaybackTarget = { mount: async () => ({ video, unmount: () => {} }) };
    renderHook(() => usePrivatePlayback(target, videoSession, {}), { wrapper });
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(1));
    expect(playback.create.mock.calls[0]?.[0]).toBe(video);
  });

  it('reports a target that cannot mount as a typed error, and mounts again on retry', async () => {
    const { playback, wrapper, videoSession } = setup();
    const video = document.createElement('video');
    const mount = vi
      .fn<PlaybackTarget['mount']>()
      .mockRejectedValueOnce(new Error('Failed to fetch dynamically imported module'))
      .mockResolvedValue({ video, unmount: () => {} });
    const onError = vi.fn();
    const target = { mount };
    const { result } = renderHook(() => usePrivatePlayback(target, videoSession, { onError }), { wrapper });
    await waitFor(() => expect(result.current.state).toBe('error'));
    expect(result.current.error).toMatchObject({
      code: 'network',
      message: expect.stringContaining('dynamically imported module'),
    });
    expect(onError).toHaveBeenCalledWith(result.current.error);
    expect(playback.create).not.toHaveBeenCalled();
    act(() => result.current.retry!());
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(1));
    expect(mount).toHaveBeenCalledTimes(2);
  });

  it("reports an onError that throws for a target that cannot mount as the app's error, not a rejection", async () => {
    const { wrapper, videoSession } = setup();
    const reported: unknown[] = [];
    vi.stubGlobal('reportError', (error: unknown) => reported.push(error));
    const bug = new Error('bug in an error callback');
    const onError = vi.fn(() => {
      throw bug;
    });
    const target = { mount: () => Promise.reject(new Error('Failed to fetch dynamically imported module')) };
    const { result } = renderHook(() => usePrivatePlayback(target, videoSession, { onError }), { wrapper });
    await waitFor(() => expect(reported).toEqual([bug]));
    expect(result.current).toMatchObject({ state: 'error', error: { code: 'network' } });
  });

  it('gives back an element that arrives after unmount, and starts nothing', async () => {
    const { playback, wrapper, videoSession } = setup();
    const mounted = deferred<MountedTarget>();
    const unmountTarget = vi.fn();
    const mount = vi.fn(() => mounted.promise);
    const target = { mount };
    const { unmount } = renderHook(() => usePrivatePlayback(target, videoSession, {}), { wrapper });
    await waitFor(() => expect(mount).toHaveBeenCalledTimes(1));
    unmount();
    mounted.resolve({ video: document.createElement('video'), unmount: unmountTarget });
    await waitFor(() => expect(unmountTarget).toHaveBeenCalledTimes(1));
    expect(playback.create).not.toHaveBeenCalled();
  });
});

describe('usePrivatePlayback retry', () => {
  it('resumes where that video failed, and never carries the position over to another video', async () => {
    const { client, playback, wrapper, videoSession } = setup();
    const video = document.createElement('video');
    const target: PlaybackTarget = { mount: () => ({ video, unmount: () => {} }) };
    const { result, rerender } = renderHook(
      ({ session }) => usePrivatePlayback(target, session, { startTime: 5 }),
      { wrapper, initialProps: { session: videoSession } },
    );
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(1));
    Object.defineProperty(video, 'currentTime', { value: 120 });
    act(() => playback.instances[0]!.emit('error', new PrivateVideoError('network', 'offline')));
    act(() => result.current.retry!());
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(2));
    expect(playback.create.mock.calls[1]?.[2]?.viewer).toMatchObject({ position: 120 });

    rerender({ session: client.video({ videoId: 'vi2', privateToken: 'pt2' }) });
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(3));
    expect(playback.create.mock.calls[2]?.[2]).toMatchObject({ startTime: 5, viewer: undefined });
  });
});

describe('usePrivatePlayback: what a retry gives back', () => {
  it('gives the new controller what the viewer had: where, playing or not, rate and sound', async () => {
    const { playback, wrapper, videoSession } = setup();
    const videos = [document.createElement('video'), document.createElement('video')];
    const target: PlaybackTarget = { mount: () => ({ video: videos.shift()!, unmount: () => {} }) };
    const { result } = renderHook(() => usePrivatePlayback(target, videoSession, { autoPlay: false }), {
      wrapper,
    });
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(1));
    const viewer = { position: 42, playing: true, rate: 1.5, muted: false, volume: 0.5 };
    playback.instances[0]!.getViewerState = () => viewer;
    act(() => playback.instances[0]!.emit('error', new PrivateVideoError('network', 'offline')));
    act(() => result.current.retry!());
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(2));
    // The new controller gives it all back (core's `viewer` option), in the new `<video>`.
    expect(playback.create.mock.calls[1]?.[2]).toMatchObject({ viewer });
  });
});

describe('usePrivatePlayback: the position a retry resumes at', () => {
  it('is for that start only: the video given again later starts at its startTime', async () => {
    const { client, playback, wrapper, videoSession } = setup();
    const other = client.video({ videoId: 'vi2', privateToken: 'pt2' });
    const video = document.createElement('video');
    const target: PlaybackTarget = { mount: () => ({ video, unmount: () => {} }) };
    const { result, rerender } = renderHook(
      ({ session }) => usePrivatePlayback(target, session, { startTime: 5 }),
      { wrapper, initialProps: { session: videoSession } },
    );
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(1));
    // Fails 30 s in; "Try again" resumes there.
    Object.defineProperty(video, 'currentTime', { value: 30, configurable: true });
    act(() => playback.instances[0]!.emit('error', new PrivateVideoError('network', 'offline')));
    act(() => result.current.retry!());
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(2));
    expect(playback.create.mock.calls[1]?.[2]?.viewer?.position).toBe(30);
    rerender({ session: other });
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(3));
    rerender({ session: videoSession });
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(4));
    expect(playback.create.mock.calls[3]?.[2]?.startTime).toBe(5);
    // Not where the retry of its earlier start resumed: nothing of that start is given back.
    expect(playback.create.mock.calls[3]?.[2]?.viewer).toBeUndefined();
  });
});

describe('usePrivatePlayback: the error it reports', () => {
  it('keeps the error when the controller reports the error state after it', async () => {
    const { playback, wrapper, videoSession } = setup();
    const video = document.createElement('video');
    const target: PlaybackTarget = { mount: () => ({ video, unmount: () => {} }) };
    const { result } = renderHook(() => usePrivatePlayback(target, videoSession, {}), { wrapper });
    await waitFor(() => expect(result.current.state).toBe('loading'));
    const error = new PrivateVideoError('network', 'offline');
    act(() => playback.instances[0]!.emit('error', error));
    act(() => playback.instances[0]!.setState('error'));
    expect(result.current.state).toBe('error');
    expect(result.current.error).toBe(error);
    expect(result.current.retry).toBeInstanceOf(Function);
  });
});

describe('usePrivatePlayback: the focus a retry gives back', () => {
  it('stays where the viewer moved it while the retry started: the video it brings back does not take it', async () => {
    const { delivery, playback, wrapper, videoSession } = setup();
    const opened = deferred<Response>();
    delivery.answer(() => opened.promise); // the session opens only once the test says so
    const video = document.body.appendChild(document.createElement('video'));
    const elsewhere = document.body.appendChild(document.createElement('button'));
    const target: PlaybackTarget = { mount: () => ({ video, unmount: () => {} }) };
    const { result, unmount } = renderHook(() => usePrivatePlayback(target, videoSession, {}), { wrapper });
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(1));
    act(() => playback.instances[0]!.emit('error', new PrivateVideoError('network', 'offline')));
    act(() => result.current.retry!());
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(2));
    elsewhere.focus();
    opened.resolve(json({ session_token: 'st-1' })); // now an engine gets the video
    await waitFor(() => expect(result.current.state).toBe('loading'));
    expect(document.activeElement).toBe(elsewhere);
    unmount();
    video.remove();
    elsewhere.remove();
  });

  it.each([
    ['a video that takes no focus (no controls) focusable by script only', false, '-1'],
    ['a video that takes the focus (controls) as it is', true, null],
  ])('makes %s', async (_what, focusable, tabindex) => {
    const { delivery, playback, wrapper, videoSession } = setup();
    const opened = deferred<Response>();
    delivery.answer(() => opened.promise);
    const video = document.body.appendChild(document.createElement('video'));
    const focus = HTMLElement.prototype.focus;
    // Chromium: a <video> without controls takes no focus, though its tabIndex reads 0.
    vi.spyOn(video, 'focus').mockImplementation(function (this: HTMLVideoElement) {
      if (focusable || this.hasAttribute('tabindex')) focus.call(this);
    });
    const target: PlaybackTarget = { mount: () => ({ video, unmount: () => {} }) };
    const { result, unmount } = renderHook(() => usePrivatePlayback(target, videoSession, {}), { wrapper });
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(1));
    act(() => playback.instances[0]!.emit('error', new PrivateVideoError('network', 'offline')));
    act(() => result.current.retry!());
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(2));
    opened.resolve(json({ session_token: 'st-1' }));
    await waitFor(() => expect(result.current.state).toBe('loading'));
    expect(document.activeElement).toBe(video);
    expect(video.getAttribute('tabindex')).toBe(tabindex);
    unmount();
    video.remove();
  });

  it('goes to the video the retry brings back, even when its "Try again" was rendered for an earlier failure', async () => {
    const { delivery, playback, wrapper, videoSession } = setup();
    const opened = deferred<Response>();
    delivery.answer(() => opened.promise); // the session opens only once the test says so
    const video = document.body.appendChild(document.createElement('video'));
    const target: PlaybackTarget = { mount: () => ({ video, unmount: () => {} }) };
    const { result, unmount } = renderHook(() => usePrivatePlayback(target, videoSession, {}), { wrapper });
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(1));
    act(() => playback.instances[0]!.emit('error', new PrivateVideoError('network', 'offline')));
    const tryAgain = result.current.retry!; // what the first failure's button calls
    act(() => tryAgain());
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(2));
    // The retry fails too, and the button is clicked again before React has shown that failure.
    act(() => {
      playback.instances[1]!.emit('error', new PrivateVideoError('network', 'offline again'));
      tryAgain();
    });
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(3));
    expect(document.activeElement).toBe(document.body);
    opened.resolve(json({ session_token: 'st-1' })); // now an engine gets the video
    await waitFor(() => expect(result.current.state).toBe('loading'));
    expect(document.activeElement).toBe(video);
    unmount();
    video.remove();
  });
});
