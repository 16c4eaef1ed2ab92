import type { Meta, StoryObj } from '@storybook/react-vite';
import { type PlayerArgs, playerArgs, playerArgTypes } from '../demo/controls';
import { PlayerScenario } from '../demo/PlayerScenario';

const liveStreamId = 'liPrivateLive';

/** A private live stream: the playlist is fetched again every few seconds, and every refresh is signed. */
function PrivateLive(args: PlayerArgs) {
  return (
    <PlayerScenario
      {...args}
      title="Private live stream"
      videoId={liveStreamId}
      live
      tags={[args.engine, 'live']}
      summary={
        <>
          A private live stream (<code>/private/&#123;token&#125;/&#123;liveStreamId&#125;.m3u8</code>). The
          player reloads the sliding playlist for as long as it plays; each reload carries the session's{' '}
          <code>avh</code>.
        </>
      }
      notes={
        <ul>
          <li>A live stream has no mp4, so there is nothing to fall back to.</li>
          <li>The emulator loops a TS rendition in a sliding window: a new segment every 2 s.</li>
        </ul>
      }
    />
  );
}

const meta = {
  title: 'Players/Private live stream',
  component: PrivateLive,
  args: playerArgs,
  argTypes: playerArgTypes,
} satisfies Meta<typeof PrivateLive>;

export default meta;

export const Story: StoryObj<typeof meta> = { name: 'Private live stream' };
