import { PrivateVideoError } from '@private-video/core';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PrivateVideoPlayer } from './PrivateVideoPlayer.js';
import { renderWithClient } from './test-utils/render.js';

describe('PrivateVideoPlayer started again (engine, fallback) after a "Try again"', () => {
  it("starts at startTime, not where the retried failure was, with the viewer's state of then", async () => {
    const ui = (engine: 'hls.js' | 'native') => (
      <PrivateVideoPlayer videoId="vi1" privateToken="pt1" startTime={5} engine={engine} onError={() => {}} />
    );
    const { playback, rerender } = renderWithClient(ui('hls.js'));
    await waitFor(() => expect(playback.instances[0]?.state).toBe('loading'));
    playback.instances[0]!.video.currentTime = 30;
    act(() => playback.instances[0]!.emit('error', new PrivateVideoError('network', 'offline')));
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(2));
    // The retry resumes at 30 s, as it should. The viewer then watches on, and the app changes the engine:
    expect(playback.create.mock.calls[1]?.[2]?.viewer?.position).toBe(30);
    rerender(ui('native'));
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(3));
    // A start like any other, as without the retry before: at `startTime`, not back at the old failure.
    expect(playback.create.mock.calls[2]?.[2]).toMatchObject({
      engine: 'native',
      startTime: 5,
      viewer: undefined,
    });
  });

  it("never renders the last engine's error (nor its retry) once the engine changes", async () => {
    const rendered: string[] = [];
    const renderError = (error: PrivateVideoError) => {
      rendered.push(error.message);
      return <p role="alert">{error.message}</p>;
    };
    const ui = (engine: 'hls.js' | 'native') => (
      <PrivateVideoPlayer
        videoId="vi1"
        privateToken="pt1"
        engine={engine}
        renderError={renderError}
        onError={() => {}}
      />
    );
    const { playback, rerender } = renderWithClient(ui('hls.js'));
    await waitFor(() => expect(playback.instances[0]?.state).toBe('loading'));
    act(() =>
      playback.instances[0]!.emit('error', new PrivateVideoError('media', 'hls.js cannot decode it')),
    );
    expect(rendered).toEqual(['hls.js cannot decode it']);
    rendered.length = 0;
    rerender(ui('native'));
    // Not even for the render that brings the new engine, before the effects that start it.
    expect(rendered).toEqual([]);
    expect(screen.queryByRole('alert')).toBeNull();
    await waitFor(() => expect(playback.live[0]?.state).toBe('loading'));
  });
});

describe('PrivateVideoPlayer "Try again" under StrictMode', () => {
  it('gives the retried start what the viewer had, once', async () => {
    const { playback } = renderWithClient(
      <PrivateVideoPlayer videoId="vi1" privateToken="pt1" startTime={5} onError={() => {}} />,
      { strict: true },
    );
    await waitFor(() => expect(playback.live[0]?.state).toBe('loading'));
    playback.live[0]!.video.currentTime = 30;
    act(() => playback.live[0]!.emit('error', new PrivateVideoError('network', 'offline')));
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(playback.create).toHaveBeenCalledTimes(2));
    expect(playback.create.mock.calls[1]?.[2]?.viewer?.position).toBe(30);
    expect(playback.live).toHaveLength(1);
  });
});
