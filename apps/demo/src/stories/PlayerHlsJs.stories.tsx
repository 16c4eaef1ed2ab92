import { PrivateVideoPlayer } from '@private-video/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { type PlayerArgs, playerArgs, playerArgTypes, playerProps } from '../demo/controls';
import { DemoProvider } from '../demo/DemoProvider';
import { control } from '../demo/emulator';
import { PlayerStatus } from '../demo/PlayerStatus';
import { Scenario } from '../demo/Scenario';
import { usePlayerReport } from '../demo/usePlayerReport';

const videoId = 'viPrivateFmp4';

/** The main scenario: a private fMP4 stream with AES-128 keys, so even key requests must be signed. */
function PlayerHlsJs({ engine, fallback, latency }: PlayerArgs) {
  const { report, callbacks } = usePlayerReport();
  return (
    <Scenario
      title="Private player (hls.js)"
      summary={
        <>
          A private fMP4 rendition with AES-128 encryption. One <code>/session</code>, then every manifest,
          playlist, init segment, key and segment carries the same <code>avh</code>.
        </>
      }
      tags={[engine, fallback ? 'fallback on' : 'fallback off']}
      videoIds={[videoId]}
      latency={latency}
      setup={() => control.mintToken(videoId)}
      notes={
        <ul>
          <li>Switch the engine in Controls: the player restarts on the same session, no new token.</li>
          <li>Raise the latency and watch each request arrive later in the log, still signed.</li>
        </ul>
      }
    >
      {(minted) => (
        <DemoProvider engine={engine} fallback={fallback}>
          <PrivateVideoPlayer
            videoId={videoId}
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
  title: 'Players/Private player (hls.js)',
  component: PlayerHlsJs,
  args: playerArgs,
  argTypes: playerArgTypes,
} satisfies Meta<typeof PlayerHlsJs>;

export default meta;

export const Story: StoryObj<typeof meta> = { name: 'Private player (hls.js)' };
