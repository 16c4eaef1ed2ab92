import { PrivateThumbnail, PrivateVideoPlayer } from '@private-video/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { type PlayerArgs, playerArgs, playerArgTypes, playerProps } from '../demo/controls';
import { DemoProvider } from '../demo/DemoProvider';
import { control } from '../demo/emulator';
import { PlayerStatus } from '../demo/PlayerStatus';
import { Scenario } from '../demo/Scenario';
import { usePlayerReport } from '../demo/usePlayerReport';

/**
 * Three private videos of the emulator's catalog, with its titles (all three share one thumbnail image). Not
 * `viPrivateTs2`: the fallback story's fault on it stays in the emulator when its tab is closed.
 */
const playlist = [
  { videoId: 'viPrivateTs', title: 'Private TS' },
  { videoId: 'viGrid01', title: 'Grid video 1' },
  { videoId: 'viPrivateFmp4', title: 'Private fMP4 (AES-128)' },
];

const videoIds = playlist.map(({ videoId }) => videoId);

interface PlaylistVideo {
  videoId: string;
  title: string;
  privateToken: string;
}

/** One player and the thumbnails that pick its video: each video plays on the session its thumbnail opened. */
function PlaylistPlayer({ videos }: { videos: readonly PlaylistVideo[] }) {
  const [current, setCurrent] = useState(videos[0]!);
  const { report, callbacks } = usePlayerReport();
  // One `PrivateVideoPlayer` throughout, never keyed nor remounted: only its video props change, so the
  // viewer's sound and focus go on to the next video. `autoPlay` (every demo player's) plays each picked video at once, as a playlist
  // does; `muted` never changes with the video, so it does not override the viewer's sound.
  return (
    <>
      <PrivateVideoPlayer
        videoId={current.videoId}
        privateToken={current.privateToken}
        {...playerProps}
        {...callbacks}
      />
      <PlayerStatus report={report} />
      <ol className="pv-playlist" aria-label="Playlist">
        {videos.map((video) => {
          const playing = video.videoId === current.videoId;
          return (
            <li key={video.videoId} className="pv-playlist__item" aria-current={playing || undefined}>
              {/* A button that keeps the focus once clicked: the viewer goes on through the list from there. */}
              <PrivateThumbnail
                videoId={video.videoId}
                privateToken={video.privateToken}
                // In the button's name too: a screen reader reads the item's `aria-current` in the list, not
                // on the focused button.
                alt={playing ? `${video.title}, now playing` : `Play ${video.title}`}
                onClick={() => setCurrent(video)}
              />
              <span className="pv-playlist__title">{video.title}</span>
              {/* The button's name says it already. */}
              {playing && (
                <span className="pv-playlist__now" aria-hidden>
                  ▶ now playing
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}

/** A playlist: one player whose `videoId` and `privateToken` change as the viewer picks another video. */
function Playlist({ engine, fallback, latency }: PlayerArgs) {
  return (
    <Scenario
      title="Playlist"
      summary={
        <>
          One player and the thumbnails of three private videos, each with its own private token. A click
          gives the player that video's <code>videoId</code> and <code>privateToken</code>: it plays at once,
          with the viewer's sound, on the session the thumbnail opened.
        </>
      }
      tags={[engine, 'one session per video']}
      videoIds={videoIds}
      latency={latency}
      // One token per video, shared by its thumbnail and the player: a single-use token opens one session.
      setup={() =>
        Promise.all(
          playlist.map(async (video) => ({
            ...video,
            privateToken: (await control.mintToken(video.videoId)).privateToken,
          })),
        )
      }
      notes={
        <ul>
          <li>
            Unmute or lower the volume, then pick another video: it plays with that sound (at the default
            rate, as any new source), also with video.js in Controls, which makes a new player for each video.
          </li>
          <li>
            One /session per video however often you switch: every later row of a video is signed with that
            video's avh.
          </li>
          <li>
            With video.js, a fullscreen viewer leaves fullscreen at the next video: use hls.js for a playlist
            watched in fullscreen.
          </li>
        </ul>
      }
    >
      {(videos) => (
        <DemoProvider engine={engine} fallback={fallback}>
          <PlaylistPlayer videos={videos} />
        </DemoProvider>
      )}
    </Scenario>
  );
}

const meta = {
  title: 'Players/Playlist',
  component: Playlist,
  args: playerArgs,
  argTypes: playerArgTypes(),
} satisfies Meta<typeof Playlist>;

export default meta;

export const Story: StoryObj<typeof meta> = { name: 'Playlist' };
