import type { PlaybackEngineName } from '@private-video/core';
import { screen } from '@testing-library/react';
import videojs from 'video.js';
import { describe, expect, it } from 'vitest';
import { shortVhsBuffers } from '../../../scripts/vitest/shortVhsBuffers';
import { PrivateVideoPlayer, PrivateVideoProvider } from '../src/index.js';
import {
  control,
  deliveryLog,
  domains,
  playedPast,
  renderPage,
  resetEmulatorEachTest,
  spentToken,
  waitForElement,
} from './browserHelpers.js';

resetEmulatorEachTest();

shortVhsBuffers(videojs);

const engines: PlaybackEngineName[] = ['hls.js', 'video.js'];

type PlaylistVideo = { videoId: string; privateToken: string };

/**
 * A player of the first video of `playlist` (its `muted` prop `firstMuted`), playing; `next(index, muted)` gives
 * it another (with that `muted` prop) and resolves with its `<video>` once connected (video.js's new one).
 */
async function playlistPlayer(engine: PlaybackEngineName, playlist: PlaylistVideo[], firstMuted = false) {
  const ref = { current: null as HTMLVideoElement | null };
  const player = (index: number, muted: boolean) => (
    <PrivateVideoPlayer
      ref={ref}
      videoId={playlist[index]!.videoId}
      privateToken={playlist[index]!.privateToken}
      engine={engine}
      controls
      autoPlay
      muted={muted}
    />
  );
  const { rerender } = renderPage(player(0, firstMuted));
  const first = await waitForElement(() => ref.current);
  await playedPast(first, 0.5);
  let last = first;
  const next = async (index: number, muted = false) => {
    rerender(
      <PrivateVideoProvider domains={domains} storage={null}>
        {player(index, muted)}
      </PrivateVideoProvider>,
    );
    last = await waitForElement(() =>
      ref.current?.isConnected && (engine === 'hls.js' || ref.current !== last) ? ref.current : null,
    );
    return last;
  };
  return { first, next };
}

const mint = (...videoIds: string[]) => Promise.all(videoIds.map((videoId) => control.mintToken(videoId)));

/**
 * A player given the next video of a playlist (video.js makes a new player and `<video>` for it; hls.js keeps
 * its own): the viewer's sound and focus go along, as they do with one `<video>`, and the new source starts at
 * the default rate, as any new source of a `<video>` does.
 */
describe.each(engines)('%s: the next video of a playlist', (engine) => {
  it("keeps the viewer's sound and focus", async () => {
    const { first, next } = await playlistPlayer(engine, await mint('viPrivateTs', 'viPrivateTs2'));
    // What the viewer does with the controls: mute, a lower volume, a faster rate, the focus on a control.
    Object.assign(first, { muted: true, volume: 0.3, playbackRate: 1.5 });
    const focused = first.closest('.video-js')?.querySelector<HTMLElement>('.vjs-play-control') ?? first;
    focused.focus();
    expect(document.activeElement).toBe(focused);

    // video.js's registry keeps a disposed player's entry (as null) unless it is deleted.
    const firstPlayerId = first.closest('.video-js')?.id;
    const video = await next(1);
    await playedPast(video, 1);
    if (engine === 'video.js') expect(videojs.getPlayers()).not.toHaveProperty(firstPlayerId!);
    expect({ muted: video.muted, volume: video.volume, rate: video.playbackRate }).toEqual({
      muted: true,
      volume: 0.3,
      rate: 1,
    });
    // video.js's player goes with its video: the focus goes to the next one's (hls.js keeps its `<video>`).
    expect(
      video.contains(document.activeElement) || video.closest('.video-js')?.contains(document.activeElement),
    ).toBe(true);
    const sessions = async (videoId: string) =>
      (await deliveryLog(videoId)).filter((entry) => entry.kind === 'session').length;
    expect([await sessions('viPrivateTs'), await sessions('viPrivateTs2')]).toEqual([1, 1]);
  });

  it('carries the sound past a video that failed before it played (its token spent)', async () => {
    const [a, c] = await mint('viPrivateTs', 'viGrid01');
    const spent = { videoId: 'viPrivateTs2', privateToken: await spentToken('viPrivateTs2') };
    const { first, next } = await playlistPlayer(engine, [a!, spent, c!]);
    Object.assign(first, { muted: true, volume: 0.3 });
    await next(1);
    await waitForElement(() => screen.queryByRole('alert'));
    const video = await next(2);
    await playedPast(video, 0.5);
    expect({ muted: video.muted, volume: video.volume }).toEqual({ muted: true, volume: 0.3 });
  });

  it('gives the next video a `muted` prop that comes with it, over what the viewer had', async () => {
    const { first, next } = await playlistPlayer(engine, await mint('viPrivateTs', 'viPrivateTs2'));
    expect(first.muted).toBe(false);
    const video = await next(1, true);
    await playedPast(video, 0.5);
    expect(video.muted).toBe(true);
  });
});
