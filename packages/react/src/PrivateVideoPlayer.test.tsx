import { PrivateVideoError } from '@private-video/core';
import { deferred } from '@private-video/test-utils';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createRef, version } from 'react';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { PrivateVideoErrorMessage } from './PrivateVideoErrorMessage.js';
import { PrivateVideoPlayer } from './PrivateVideoPlayer.js';
import { renderWithClient } from './test-utils/render.js';

const base = 'https://vod.api.video/vod/vi1/token/pt1';

describe('PrivateVideoPlayer', () => {
  it('renders a <video> with the native props, hands it to the controller and to ref', async () => {
    const ref = createRef<HTMLVideoElement>();
    const onPlay = vi.fn();
    const { playback, container } = renderWithClient(
      <PrivateVideoPlayer
        ref={ref}
        videoId="vi1"
        privateToken="pt1"
        controls
        muted
        loop
        playsInline
        preload="metadata"
        className="player"
        style={{ width: 640 }}
        onPlay={onPlay}
      />,
    );
    const video = container.querySelector('video')!;
    expect(ref.current).toBe(video);
    expect(video.controls).toBe(true);
    expect(video.muted).toBe(true);
    expect(video.loop).toBe(true);
    expect(video.hasAttribute('playsinline')).toBe(true);
    expect(video.getAttribute('preload')).toBe('metadata');
    expect(video.className).toBe('player');
    expect(video.style.width).toBe('640px');
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(1));
    expect(playback.create.mock.calls[0]?.[0]).toBe(video);
    fireEvent.play(video);
    expect(onPlay).toHaveBeenCalledTimes(1);
  });

  it('passes its options to the controller and uses the signed thumbnail as poster', async () => {
    const getPrivateToken = vi.fn(async () => 'pt2');
    const { playback, client, container } = renderWithClient(
      <PrivateVideoPlayer
        videoId="vi1"
        privateToken="pt1"
        engine="native"
        fallback={false}
        autoPlay
        startTime={12}
        answerTimeout={20_000}
        getPrivateToken={getPrivateToken}
      />,
    );
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(1));
    const [, session, options] = playback.create.mock.calls[0] ?? [];
    expect(session).toBe(client.video({ videoId: 'vi1', privateToken: 'pt1' }));
    expect(options).toMatchObject({
      engine: 'native',
      fallback: false,
      autoPlay: true,
      startTime: 12,
      answerTimeout: 20_000,
    });
    await options?.getPrivateToken?.(client.video({ videoId: 'vi1', privateToken: 'pt1' }).ref, {
      signal: new AbortController().signal,
    });
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    const video = container.querySelector('video')!;
    expect(video.getAttribute('autoplay')).toBeNull(); // the controller plays, after its seek
    await waitFor(() => expect(video.getAttribute('poster')).toBe(`${base}/thumbnail.jpg?avh=st-1`));
  });

  it('shows no poster signed with a session that expired by the clock: the delivery would refuse it', async () => {
    const { client, container } = renderWithClient(<PrivateVideoPlayer videoId="vi1" privateToken="pt1" />, {
      client: { now: () => 2_000 },
    });
    act(() =>
      client.setSession({ videoId: 'vi1', privateToken: 'pt1' }, { token: 'st-old', expiresAt: 1_000 }),
    );
    const video = container.querySelector('video')!;
    expect(video.getAttribute('poster')).toBeNull();
  });

  it('keeps a poster given as a prop, and takes engine and fallback defaults from the provider', async () => {
    const { playback, container } = renderWithClient(
      <PrivateVideoPlayer videoId="vi1" privateToken="pt1" poster="/mine.jpg" />,
      { provider: { engine: 'native', fallback: false } },
    );
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(1));
    expect(playback.create.mock.calls[0]?.[2]).toMatchObject({ engine: 'native', fallback: false });
    expect(container.querySelector('video')?.getAttribute('poster')).toBe('/mine.jpg');
  });

  it('reports state changes, fallback, renewal and errors through its callbacks', async () => {
    const onStateChange = vi.fn();
    const onFallback = vi.fn();
    const onSessionRenewed = vi.fn();
    const onError = vi.fn();
    const { playback } = renderWithClient(
      <PrivateVideoPlayer
        videoId="vi1"
        privateToken="pt1"
        onStateChange={onStateChange}
        onFallback={onFallback}
        onSessionRenewed={onSessionRenewed}
        onError={onError}
      />,
    );
    await waitFor(() => expect(onStateChange).toHaveBeenCalledWith('loading'));
    const controller = playback.instances[0]!;
    const reason = new PrivateVideoError('media', 'manifest 500');
    act(() => {
      controller.setState('fallback');
      controller.emit('fallback', { reason, from: 'hls', to: 'mp4', position: 3 });
      controller.emit('sessionrenewed', {
        session: { token: 's', acquiredAt: 0, expiresAt: 1 },
        ref: controller.session.ref,
      });
    });
    expect(onStateChange.mock.calls.map(([state]) => state)).toEqual([
      'opening-session',
      'loading',
      'fallback',
    ]);
    expect(onFallback).toHaveBeenCalledWith(expect.objectContaining({ position: 3, reason }));
    expect(onSessionRenewed).toHaveBeenCalledTimes(1);
    const error = new PrivateVideoError('media', 'mp4 failed too');
    act(() => {
      controller.setState('error');
      controller.emit('error', error);
    });
    expect(onError).toHaveBeenCalledWith(error);
    expect(screen.getByRole('alert').textContent).toContain('The video could not be played.');
  });

  it('shows an alert per cause when the session cannot open', async () => {
    const onError = vi.fn();
    const { container } = renderWithClient(
      <PrivateVideoPlayer videoId="vi1" privateToken="pt1" onError={onError} />,
      {
        delivery: (delivery) => delivery.spend('pt1'),
      },
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This private video link is no longer valid.');
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'token-used' });
    expect(container.querySelector('video')?.hidden).toBe(true);
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull(); // nothing to renew with
  });

  it('offers a retry that renews a spent token when it can, and starts again', async () => {
    const getPrivateToken = vi.fn(async () => 'pt2');
    const { playback, delivery } = renderWithClient(
      <PrivateVideoPlayer videoId="vi1" privateToken="pt1" getPrivateToken={getPrivateToken} />,
      { delivery: (fake) => fake.spend('pt1') },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    expect(delivery.requests.at(-1)).toBe('https://vod.api.video/vod/vi1/token/pt2/session');
    expect(playback.live).toHaveLength(1);
  });

  it('renews on a retry after a session answer that was no session (it may have spent the token), or offers none', async () => {
    const captivePortal = () => new Response('<html>Sign in to the Wi-Fi</html>', { status: 200 });
    const without = renderWithClient(<PrivateVideoPlayer videoId="vi1" privateToken="pt1" />, {
      delivery: (fake) => fake.answer(captivePortal),
    });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The video service sent an unexpected answer. Reload the page to try again.',
    );
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    without.unmount();

    const getPrivateToken = vi.fn(async () => 'pt2');
    const { playback, delivery } = renderWithClient(
      <PrivateVideoPlayer videoId="vi1" privateToken="pt1" getPrivateToken={getPrivateToken} />,
      { delivery: (fake) => fake.answer(captivePortal) },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    expect(delivery.requests.at(-1)).toBe('https://vod.api.video/vod/vi1/token/pt2/session');
  });

  it("offers the renewing retry when the provider's given client can renew", async () => {
    const getPrivateToken = vi.fn(async () => `pt${getPrivateToken.mock.calls.length + 1}`);
    const { playback } = renderWithClient(<PrivateVideoPlayer videoId="vi1" privateToken="pt1" />, {
      client: { getPrivateToken },
      // The fresh token it gets at start for the spent one is spent too (one replacement per open).
      delivery: (fake) => {
        fake.spend('pt1');
        fake.spend('pt2');
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(2));
    expect(getPrivateToken).toHaveBeenCalledTimes(2);
  });

  it('replaces a private token found spent at start through the client getPrivateToken: no error (a new tab)', async () => {
    const getPrivateToken = vi.fn(async () => 'pt2');
    const { delivery, playback } = renderWithClient(<PrivateVideoPlayer videoId="vi1" privateToken="pt1" />, {
      client: { getPrivateToken },
      delivery: (fake) => fake.spend('pt1'),
    });
    await waitFor(() => expect(playback.instances[0]?.session.getState().status).toBe('open'));
    expect(delivery.requests.at(-1)).toBe('https://vod.api.video/vod/vi1/token/pt2/session');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
  });

  it('retries a network failure, and renderError replaces the alert', async () => {
    const { playback } = renderWithClient(
      <PrivateVideoPlayer
        videoId="vi1"
        privateToken="pt1"
        renderError={(error, retry) => (
          <button type="button" onClick={retry}>
            again after {error.code}
          </button>
        )}
      />,
      { delivery: (delivery) => delivery.answer(new TypeError('offline')) },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'again after network' }));
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(screen.queryByRole('button')).toBeNull());
  });

  it('shows an unreadable source at once and starts nothing', async () => {
    const { playback } = renderWithClient(<PrivateVideoPlayer src="not a video" />);
    expect(screen.getByRole('alert').textContent).toContain('This video link is not valid.');
    await Promise.resolve();
    expect(playback.create).not.toHaveBeenCalled();
  });

  it('writes a failure no onError handles to the console once: a source it cannot read, a session refused', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    onTestFinished(() => consoleError.mockRestore());
    renderWithClient(<PrivateVideoPlayer src="not a video" />, { strict: true });
    await act(async () => {});
    expect(consoleError.mock.calls.map(([error]) => error.code)).toEqual(['invalid-source']);
    cleanup();
    renderWithClient(<PrivateVideoPlayer videoId="vi1" privateToken="pt1" />, {
      delivery: (delivery) => delivery.spend('pt1'),
    });
    await screen.findByRole('alert');
    expect(consoleError.mock.calls.map(([error]) => error.code)).toEqual(['invalid-source', 'token-used']);
  });

  it('writes nothing to the console for a playback failure onError handles', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    onTestFinished(() => consoleError.mockRestore());
    const onError = vi.fn();
    renderWithClient(<PrivateVideoPlayer videoId="vi1" privateToken="pt1" onError={onError} />, {
      delivery: (delivery) => delivery.spend('pt1'),
    });
    await screen.findByRole('alert');
    expect(onError).toHaveBeenCalledTimes(1);
    expect(consoleError).not.toHaveBeenCalled();
  });

  it("reports a playback failure to the latest render's onError, and to the console once it is taken away", async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    onTestFinished(() => consoleError.mockRestore());
    const first = vi.fn();
    const second = vi.fn();
    const { playback, rerender } = renderWithClient(
      <PrivateVideoPlayer videoId="vi1" privateToken="pt1" onError={first} />,
    );
    await waitFor(() => expect(playback.instances[0]?.state).toBe('loading'));
    rerender(<PrivateVideoPlayer videoId="vi1" privateToken="pt1" onError={second} />);
    const handled = new PrivateVideoError('media', 'hls failed');
    act(() => playback.instances[0]!.emit('error', handled));
    expect(second).toHaveBeenCalledWith(handled);
    rerender(<PrivateVideoPlayer videoId="vi1" privateToken="pt1" />);
    const unhandled = new PrivateVideoError('media', 'mp4 failed too');
    act(() => playback.instances[0]!.emit('error', unhandled));
    expect(consoleError.mock.calls).toEqual([[unhandled]]);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    expect(playback.instances).toHaveLength(1);
  });

  it('calls onError for a source it cannot read, once under StrictMode', async () => {
    const onError = vi.fn();
    renderWithClient(<PrivateVideoPlayer src="not a video" onError={onError} />, { strict: true });
    await act(async () => {});
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'invalid-source' });
  });

  it('a retry renewing one video does not restart the next one', async () => {
    const token = deferred<string>();
    const getPrivateToken = vi.fn(() => token.promise);
    const { playback, rerender } = renderWithClient(
      <PrivateVideoPlayer videoId="vi1" privateToken="pt1" getPrivateToken={getPrivateToken} />,
      { delivery: (fake) => fake.spend('pt1') },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    rerender(<PrivateVideoPlayer videoId="vi2" privateToken="pt2" getPrivateToken={getPrivateToken} />);
    await waitFor(() => expect(playback.instances[1]?.state).toBe('loading'));
    await act(async () => token.resolve('pt3'));
    expect(playback.create).toHaveBeenCalledTimes(2);
    expect(playback.live).toEqual([playback.instances[1]]);
  });

  it("never renders a video's error, nor hands out its retry, once another video is given", async () => {
    const rendered: string[] = [];
    const renderError = (error: PrivateVideoError) => {
      rendered.push(error.message);
      return <p role="alert">{error.message}</p>;
    };
    const ui = (videoId: string) => (
      <PrivateVideoPlayer videoId={videoId} privateToken={`pt-${videoId}`} renderError={renderError} />
    );
    const { playback, rerender } = renderWithClient(ui('vi1'));
    await waitFor(() => expect(playback.instances[0]?.state).toBe('loading'));
    act(() => playback.instances[0]!.emit('error', new PrivateVideoError('network', 'vi1 offline')));
    expect(rendered).toContain('vi1 offline');
    rendered.length = 0;
    rerender(ui('vi2'));
    // Not even for the render that brings vi2, before the effects that start it.
    expect(rendered).toEqual([]);
    expect(screen.queryByRole('alert')).toBeNull();
    await waitFor(() => expect(playback.instances[1]?.state).toBe('loading'));
  });

  it("reports an onStateChange that throws as the app's error, and keeps its controller", async () => {
    const bug = new Error('bug in an analytics callback');
    // Reported as the page reports its own errors (its `error` event, the console).
    const reported: unknown[] = [];
    vi.stubGlobal('reportError', (error: unknown) => reported.push(error));
    const states: string[] = [];
    const onStateChange = vi.fn((state: string) => {
      states.push(state);
      if (state === 'opening-session') throw bug;
    });
    const onError = vi.fn();
    const { playback } = renderWithClient(
      <PrivateVideoPlayer videoId="vi1" privateToken="pt1" onStateChange={onStateChange} onError={onError} />,
    );
    await waitFor(() => expect(reported).toEqual([bug]));
    const controller = playback.instances[0]!;
    act(() => controller.setState('playing'));
    expect(states).toContain('playing');
    expect(controller.destroyed).toBe(false);
    expect(onError).not.toHaveBeenCalled();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('destroys its controller on unmount and starts a new one for another video', async () => {
    const { playback, rerender, unmount } = renderWithClient(
      <PrivateVideoPlayer videoId="vi1" privateToken="pt1" />,
    );
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(1));
    rerender(<PrivateVideoPlayer videoId="vi2" privateToken="pt2" />);
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(2));
    expect(playback.instances[0]?.destroyed).toBe(true);
    unmount();
    expect(playback.instances[1]?.destroyed).toBe(true);
  });

  it('goes on playing when the video comes again with a new private token (the API object fetched again)', async () => {
    const video = (token: string) => ({
      videoId: 'vi1',
      public: false,
      assets: { hls: `https://vod.api.video/vod/vi1/token/${token}/hls/manifest.m3u8` },
    });
    const { playback, delivery, rerender, container } = renderWithClient(
      <PrivateVideoPlayer video={video('pt1')} />,
    );
    await waitFor(() =>
      expect(container.querySelector('video')?.getAttribute('poster')).toContain('avh=st-1'),
    );
    rerender(<PrivateVideoPlayer video={video('pt2')} />);
    rerender(<PrivateVideoPlayer video={video('pt3')} />);
    expect(playback.create).toHaveBeenCalledTimes(1);
    expect(playback.instances[0]?.destroyed).toBe(false);
    expect(container.querySelector('video')?.getAttribute('poster')).toBe(`${base}/thumbnail.jpg?avh=st-1`);
    // No request spent the new tokens: the app may still use them.
    expect(delivery.requests).toEqual([`${base}/session`]);
  });

  it('starts over with a new private token of a video whose session failed: it is the way back', async () => {
    const { playback, delivery, rerender } = renderWithClient(
      <PrivateVideoPlayer videoId="vi1" privateToken="pt1" />,
      { delivery: (fake) => fake.spend('pt1') },
    );
    await screen.findByRole('alert');
    rerender(<PrivateVideoPlayer videoId="vi1" privateToken="pt2" />);
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(playback.instances[0]?.destroyed).toBe(true);
    expect(delivery.requests).toEqual([`${base}/session`, 'https://vod.api.video/vod/vi1/token/pt2/session']);
  });

  it('creates one controller under StrictMode', async () => {
    const { playback, delivery } = renderWithClient(<PrivateVideoPlayer videoId="vi1" privateToken="pt1" />, {
      strict: true,
    });
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(delivery.fetch).toHaveBeenCalledTimes(1));
    expect(playback.live).toHaveLength(1);
  });

  describe('with video.js', () => {
    it('creates one <video> and one controller under StrictMode', async () => {
      const { playback, container } = renderWithClient(
        <PrivateVideoPlayer videoId="vi1" privateToken="pt1" engine="video.js" />,
        { strict: true },
      );
      await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(1));
      const videos = container.querySelectorAll('video');
      expect(videos).toHaveLength(1);
      expect(playback.create.mock.calls[0]?.[0]).toBe(videos[0]);
      expect(playback.live).toHaveLength(1);
    });

    it('hands the ref over to the <video> of the new engine when the engine changes', async () => {
      const ref = createRef<HTMLVideoElement>();
      const { playback, container, rerender } = renderWithClient(
        <PrivateVideoPlayer ref={ref} videoId="vi1" privateToken="pt1" engine="video.js" />,
      );
      await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(1));
      expect(ref.current).toBe(playback.create.mock.calls[0]?.[0]);
      rerender(<PrivateVideoPlayer ref={ref} videoId="vi1" privateToken="pt1" engine="hls.js" />);
      await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(2));
      const video = container.querySelector('video');
      expect(video?.dataset.privateVideoPlayer).toBe('hls.js');
      expect(ref.current).toBe(video);
      rerender(<PrivateVideoPlayer ref={ref} videoId="vi1" privateToken="pt1" engine="video.js" />);
      await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(3));
      expect(ref.current).toBe(playback.create.mock.calls[2]?.[0]);
      expect(ref.current?.isConnected).toBe(true);
    });

    it('takes its <video> back from the ref on unmount, also after video.js disposed of it', async () => {
      const ref = createRef<HTMLVideoElement>();
      const { playback, container, unmount } = renderWithClient(
        <PrivateVideoPlayer ref={ref} videoId="vi1" privateToken="pt1" engine="video.js" />,
      );
      await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(1));
      expect(ref.current).toBe(playback.create.mock.calls[0]?.[0]);
      // A failure destroys the engine, and video.js's dispose() removes its wrapper and the <video>.
      act(() => {
        container.querySelector('[data-private-video-player]')?.replaceChildren();
        playback.instances[0]!.emit('error', new PrivateVideoError('media', 'mp4 failed'));
      });
      unmount();
      expect(ref.current).toBeNull();
    });

    it('never hands the ref a <video> created after it unmounted', async () => {
      const ref = vi.fn();
      const { unmount } = renderWithClient(
        <PrivateVideoPlayer ref={ref} videoId="vi1" privateToken="pt1" engine="video.js" />,
      );
      // The player asks for video.js's element code in a microtask after mounting; it unmounts meanwhile.
      await Promise.resolve();
      unmount();
      await act(() => import('./mountVideojsElement.js'));
      expect(ref).not.toHaveBeenCalled();
    });

    it('creates the <video> inside a container React owns, with the props and media events', async () => {
      const ref = createRef<HTMLVideoElement>();
      const onTimeUpdate = vi.fn();
      const { playback, container, unmount } = renderWithClient(
        <PrivateVideoPlayer
          ref={ref}
          videoId="vi1"
          privateToken="pt1"
          engine="video.js"
          controls
          muted
          playsInline
          className="player"
          onTimeUpdate={onTimeUpdate}
        />,
      );
      await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(1));
      const wrapper = container.querySelector('[data-private-video-player="video.js"]')!;
      expect(wrapper.className).toBe('player');
      const video = wrapper.querySelector('video')!;
      expect(playback.create.mock.calls[0]?.[0]).toBe(video);
      expect(ref.current).toBe(video);
      expect(video.className).toBe('video-js');
      expect(video.controls && video.muted && video.playsInline).toBe(true);
      video.dispatchEvent(new Event('timeupdate'));
      expect(onTimeUpdate).toHaveBeenCalledTimes(1);
      await waitFor(() => expect(video.getAttribute('poster')).toBe(`${base}/thumbnail.jpg?avh=st-1`));
      unmount();
      expect(playback.instances[0]?.destroyed).toBe(true);
      expect(ref.current).toBeNull();
      expect(video.isConnected).toBe(false);
    });
  });
});

describe('PrivateVideoPlayer: what the viewer sees and where the focus goes under an error', () => {
  it("hides its <video> with display: none under an error, whatever display the app's style gives it", async () => {
    const { container } = renderWithClient(
      <PrivateVideoPlayer videoId="vi1" privateToken="pt1" style={{ display: 'block' }} />,
      { delivery: (delivery) => delivery.spend('pt1') },
    );
    await screen.findByRole('alert');
    const video = container.querySelector('video')!;
    expect(video.hidden).toBe(true);
    expect(video.style.display).toBe('none');
  });

  it('keeps its alert hidden (not shown, nor announced) when the app keeps the player hidden', async () => {
    renderWithClient(<PrivateVideoPlayer videoId="vi1" privateToken="pt1" hidden onError={() => {}} />, {
      delivery: (delivery) => delivery.spend('pt1'),
    });
    const alert = await screen.findByRole('alert', { hidden: true });
    expect(alert.style.display).toBe('none');
  });

  it('focuses the alert itself (by script only, tabIndex -1) when asked and there is no "Try again"', () => {
    render(<PrivateVideoErrorMessage error={new PrivateVideoError('token-used', 'used')} autoFocus />);
    const alert = screen.getByRole('alert');
    expect(document.activeElement).toBe(alert);
    expect(alert.getAttribute('tabindex')).toBe('-1');
  });

  it('keeps the alert it focused focusable when a later render no longer asks for the focus', () => {
    const error = new PrivateVideoError('token-used', 'used');
    const { rerender } = render(<PrivateVideoErrorMessage error={error} autoFocus />);
    rerender(<PrivateVideoErrorMessage error={error} autoFocus={false} />);
    const alert = screen.getByRole('alert');
    expect(alert.getAttribute('tabindex')).toBe('-1');
    expect(document.activeElement).toBe(alert);
  });

  it('neither focuses the alert nor makes it focusable when not asked', () => {
    render(<PrivateVideoErrorMessage error={new PrivateVideoError('token-used', 'used')} />);
    expect(screen.getByRole('alert').hasAttribute('tabindex')).toBe(false);
    expect(document.activeElement).toBe(document.body);
  });

  it('focuses "Try again" when asked and there is one, and leaves the alert out of the focus order', () => {
    render(
      <PrivateVideoErrorMessage
        error={new PrivateVideoError('network', 'offline')}
        retry={() => {}}
        autoFocus
      />,
    );
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByRole('alert').hasAttribute('tabindex')).toBe(false);
  });

  it('leaves the focus where the viewer moved it when a retry fails again', async () => {
    const getPrivateToken = vi.fn(async () => `pt${getPrivateToken.mock.calls.length + 1}`);
    renderWithClient(
      <>
        <PrivateVideoPlayer videoId="vi1" privateToken="pt1" getPrivateToken={getPrivateToken} />
        <button type="button">Elsewhere</button>
      </>,
      // Every token it gets is spent too: each retry fails again.
      {
        delivery: (fake) => {
          for (const token of ['pt1', 'pt2', 'pt3', 'pt4']) fake.spend(token);
        },
      },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    const elsewhere = screen.getByRole('button', { name: 'Elsewhere' });
    elsewhere.focus();
    await waitFor(() => expect(getPrivateToken).toHaveBeenCalledTimes(2));
    await screen.findByRole('button', { name: 'Try again' });
    expect(document.activeElement).toBe(elsewhere);
  });
});

describe('PrivateVideoPlayer: props read when playback starts', () => {
  it('starts again when fallback changes, with the new value', async () => {
    const { playback, rerender } = renderWithClient(<PrivateVideoPlayer videoId="vi1" privateToken="pt1" />);
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(1));
    rerender(<PrivateVideoPlayer videoId="vi1" privateToken="pt1" fallback={false} />);
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(2));
    expect(playback.create.mock.calls[1]?.[2]).toMatchObject({ fallback: false });
    expect(playback.live).toEqual([playback.instances[1]]);
  });

  it("with video.js: puts the app's aria-* attributes on the <video> it creates", async () => {
    const { playback, container } = renderWithClient(
      <PrivateVideoPlayer
        videoId="vi1"
        privateToken="pt1"
        engine="video.js"
        aria-label="Product tour"
        aria-describedby="tour-notes"
      />,
    );
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(1));
    const video = container.querySelector('[data-private-video-player="video.js"] video')!;
    expect(video.getAttribute('aria-label')).toBe('Product tour');
    expect(video.getAttribute('aria-describedby')).toBe('tour-notes');
  });
});

describe('PrivateVideoPlayer and React 19 refs', () => {
  it.skipIf(Number.parseInt(version, 10) < 19)(
    'calls the cleanup a callback ref returns (React 19) instead of calling it with null',
    () => {
      const calls: unknown[] = [];
      const { unmount } = renderWithClient(
        <PrivateVideoPlayer
          videoId="vi1"
          privateToken="pt1"
          ref={(video) => {
            calls.push(video?.tagName ?? null);
            return () => void calls.push('cleanup');
          }}
        />,
      );
      expect(calls).toEqual(['VIDEO']);
      unmount();
      expect(calls).toEqual(['VIDEO', 'cleanup']);
    },
  );

  it.skipIf(Number.parseInt(version, 10) < 19)(
    'with video.js too: calls the cleanup for the <video> it created, and the ref with no null',
    async () => {
      const calls: unknown[] = [];
      const { playback, unmount } = renderWithClient(
        <PrivateVideoPlayer
          videoId="vi1"
          privateToken="pt1"
          engine="video.js"
          ref={(video) => {
            calls.push(video?.className ?? null);
            return () => void calls.push('cleanup');
          }}
        />,
      );
      await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(1));
      expect(calls).toEqual(['video-js']);
      unmount();
      expect(calls).toEqual(['video-js', 'cleanup']);
    },
  );
});

describe('PrivateVideoPlayer: props changed mid-flight', () => {
  it('renews mid-play with the getPrivateToken of the latest render: given after start, or none once taken away', async () => {
    const getPrivateToken = vi.fn(async () => 'pt2');
    const { playback, rerender } = renderWithClient(<PrivateVideoPlayer videoId="vi1" privateToken="pt1" />);
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(1));
    const options = playback.instances[0]!.options;
    rerender(<PrivateVideoPlayer videoId="vi1" privateToken="pt1" getPrivateToken={getPrivateToken} />);
    // What the controller asks when a renewal is due (`canRenew`) and renews with.
    expect(options.getPrivateToken).toBeDefined();
    await options.getPrivateToken?.(playback.instances[0]!.session.ref, {
      signal: new AbortController().signal,
    });
    expect(getPrivateToken).toHaveBeenCalledTimes(1);
    rerender(<PrivateVideoPlayer videoId="vi1" privateToken="pt1" />);
    expect(options.getPrivateToken).toBeUndefined();
    expect(playback.create).toHaveBeenCalledTimes(1);
  });

  it('with video.js: a new video while the element code loads plays in a <video> in the player, which the ref has', async () => {
    const ref = createRef<HTMLVideoElement>();
    const { playback, container, rerender } = renderWithClient(
      <PrivateVideoPlayer ref={ref} videoId="vi1" privateToken="pt1" engine="video.js" />,
    );
    // The first start has asked for video.js's element code; the video changes before it is there.
    await Promise.resolve();
    rerender(<PrivateVideoPlayer ref={ref} videoId="vi2" privateToken="pt2" engine="video.js" />);
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(1));
    await act(() => import('./mountVideojsElement.js'));
    const video = playback.create.mock.calls[0]![0];
    expect(playback.live).toHaveLength(1);
    expect(video.isConnected).toBe(true);
    expect(container.querySelectorAll('video')).toHaveLength(1);
    expect(ref.current).toBe(video);
  });

  it('with video.js: a new ref gets the <video>, and the previous one lets it go', async () => {
    const first = createRef<HTMLVideoElement>();
    const second = createRef<HTMLVideoElement>();
    const { playback, rerender } = renderWithClient(
      <PrivateVideoPlayer ref={first} videoId="vi1" privateToken="pt1" engine="video.js" />,
    );
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(1));
    const video = playback.create.mock.calls[0]![0];
    expect(first.current).toBe(video);
    rerender(<PrivateVideoPlayer ref={second} videoId="vi1" privateToken="pt1" engine="video.js" />);
    expect(second.current).toBe(video);
    expect(first.current).toBeNull();
  });
});
