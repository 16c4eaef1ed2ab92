import type { PlaybackEngineName } from '@private-video/core';
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
  waitForElement,
} from './browserHelpers.js';

resetEmulatorEachTest();

shortVhsBuffers(videojs);

const engines: PlaybackEngineName[] = ['hls.js', 'video.js'];

/**
 * A player given the next video of a playlist (video.js makes a new player and `<video>` for it; hls.js keeps
 * its own): the viewer's sound and focus go along, as they do with one `<video>`, and the new source starts at
 * the default rate, as any new source of a `<video>` does.
 */
/**
 * A player of the first of two videos (its `muted` prop `firstMuted`), playing; `next(muted)` gives it the second (with that `muted` prop) and
 * resolves with its `<video>`, connected (video.js's new one).
 */
async function playlistPlayer(engine: PlaybackEngineName, firstMuted: boolean) {
  const playlist = [await control.mintToken('viPrivateTs'), await control.mintToken('viPrivateTs2')];
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
  const next = (muted: boolean) => {
    rerender(
      <PrivateVideoProvider domains={domains} storage={null}>
        {player(1, muted)}
      </PrivateVideoProvider>,
    );
    return waitForElement(() =>
      ref.current?.isConnected && (engine === 'hls.js' || ref.current !== first) ? ref.current : null,
    );
  };
  return { first, next };
}

describe.each(engines)('%s: the next video of a playlist', (engine) => {
  it("keeps the viewer's sound and focus", async () => {
    const { first, next: playNext } = await playlistPlayer(engine, false);
    // What the viewer does with the controls: mute, a lower volume, a faster rate, the focus on a control.
    Object.assign(first, { muted: true, volume: 0.3, playbackRate: 1.5 });
    const focused = first.closest('.video-js')?.querySelector<HTMLElement>('.vjs-play-control') ?? first;
    focused.focus();
    expect(document.activeElement).toBe(focused);

    // video.js's registry keeps a disposed player's entry (as null) unless it is deleted.
    const firstPlayerId = first.closest('.video-js')?.id;
    const next = await playNext(false);
    await playedPast(next, 1);
    if (engine === 'video.js') expect(videojs.getPlayers()).not.toHaveProperty(firstPlayerId!);
    expect({ muted: next.muted, volume: next.volume, rate: next.playbackRate }).toEqual({
      muted: true,
      volume: 0.3,
      rate: 1,
    });
    // video.js's player goes with its video: the focus goes to the next one's (hls.js keeps its `<video>`).
    expect(
      next.contains(document.activeElement) || next.closest('.video-js')?.contains(document.activeElement),
    ).toBe(true);
    const sessions = async (videoId: string) =>
      (await deliveryLog(videoId)).filter((entry) => entry.kind === 'session').length;
    expect([await sessions('viPrivateTs'), await sessions('viPrivateTs2')]).toEqual([1, 1]);
  });

  it('gives the next video a `muted` prop that comes with it, over what the viewer had', async () => {
    const { first, next: playNext } = await playlistPlayer(engine, false);
    expect(first.muted).toBe(false);
    const next = await playNext(true);
    await playedPast(next, 0.5);
    expect(next.muted).toBe(true);
  });
});
