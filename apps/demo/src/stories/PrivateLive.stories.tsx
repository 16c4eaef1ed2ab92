import { PrivateVideoPlayer } from '@private-video/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { type PlayerArgs, playerArgs, playerArgTypes, playerProps } from '../demo/controls';
import { DemoProvider } from '../demo/DemoProvider';
import { control } from '../demo/emulator';
import { PlayerStatus } from '../demo/PlayerStatus';
import { Scenario } from '../demo/Scenario';
import { usePlayerReport } from '../demo/usePlayerReport';

const liveStreamId = 'liPrivateLive';

/** A private live stream: the playlist is fetched again every few seconds, and every refresh is signed. */
function PrivateLive({ engine, fallback, latency }: PlayerArgs) {
  const { report, callbacks } = usePlayerReport();
  return (
    <Scenario
      title="Private live stream"
      summary={
        <>
          A private live stream (<code>/private/&#123;token&#125;/&#123;liveStreamId&#125;.m3u8</code>). The
          player reloads the sliding playlist for as long as it plays; each reload carries the session's{' '}
          <code>avh</code>.
        </>
      }
      tags={[engine, 'live']}
      videoIds={[liveStreamId]}
      latency={latency}
      setup={() => control.mintToken(liveStreamId)}
      notes={
        <ul>
          <li>A live stream has no mp4, so there is nothing to fall back to.</li>
          <li>The emulator loops a TS rendition in a sliding window: a new segment every 2 s.</li>
        </ul>
      }
    >
      {(minted) => (
        <DemoProvider engine={engine} fallback={fallback}>
          <PrivateVideoPlayer
            videoId={liveStreamId}
            live
            privateToken={minted.privateToken}
            {...playerProps}
            {...callbacks}
          />
          <PlayerStatus report={report} />
        </DemoProvider>
      )}
    </Scenario>
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
