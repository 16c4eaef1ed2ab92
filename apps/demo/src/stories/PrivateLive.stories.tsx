import type { Meta, StoryObj } from '@storybook/react-vite';
import { type LatencyArgs, latencyArgTypes } from '../demo/controls';
import { PlayerScenario } from '../demo/PlayerScenario';

const liveStreamId = 'liPrivateLive';

/** A private live stream: the playlist is fetched again every few seconds, and every refresh is signed. */
function PrivateLive({ latency }: LatencyArgs) {
  return (
    <PlayerScenario
      // One engine keeps the story simple (video.js plays live too: core's live tests cover both).
      // `native` cannot play a live stream here (it plays the mp4, and a live stream has none); no
      // `fallback` either: there is no mp4.
      engine="hls.js"
      fallback={false}
      latency={latency}
      title="Private live stream"
      videoId={liveStreamId}
      live
      tags={['hls.js', 'live']}
      summary={
        <>
          A private live stream (<code>/private/&#123;token&#125;/&#123;liveStreamId&#125;.m3u8</code>). The
          player reloads the sliding playlist for as long as it plays; each reload carries the session's{' '}
          <code>avh</code>.
        </>
      }
      notes={
        <ul>
          <li>
            Every 2 s the log gains a <code>manifest</code> row (the playlist reloaded) and a{' '}
            <code>segment</code> row, both signed by the one session.
          </li>
          <li>The emulator loops a TS rendition in a sliding window: a new segment every 2 s.</li>
          <li>
            Shown with hls.js: a live stream has no mp4 (so no <code>native</code> engine and no fallback).
          </li>
        </ul>
      }
    />
  );
}

const meta = {
  title: 'Players/Private live stream',
  component: PrivateLive,
  args: { latency: 0 },
  argTypes: latencyArgTypes,
} satisfies Meta<typeof PrivateLive>;

export default meta;

export const Story: StoryObj<typeof meta> = { name: 'Private live stream' };
