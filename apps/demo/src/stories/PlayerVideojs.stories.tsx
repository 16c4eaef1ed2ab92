import { PrivateVideoPlayer } from '@private-video/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { type PlayerArgs, playerArgs, playerArgTypes, playerProps } from '../demo/controls';
import { DemoProvider } from '../demo/DemoProvider';
import { control } from '../demo/emulator';
import { PlayerStatus } from '../demo/PlayerStatus';
import { Scenario } from '../demo/Scenario';
import { usePlayerReport } from '../demo/usePlayerReport';

const videoId = 'viPrivateTs';

/** video.js (VHS) signs through a per-player `onRequest` hook; the same session, the same `avh`. */
function PlayerVideojs({ engine, fallback, latency }: PlayerArgs) {
  const { report, callbacks } = usePlayerReport();
  return (
    <Scenario
      title="Private player (video.js)"
      summary={
        <>
          The same private flow through video.js: its own skin and its own HTTP stack (VHS), signed by a
          per-player request hook, never the global one.
        </>
      }
      tags={[engine, fallback ? 'fallback on' : 'fallback off']}
      videoIds={[videoId]}
      latency={latency}
      setup={() => control.mintToken(videoId)}
      notes={
        <ul>
          <li>VHS requests go through the player's own hook: the log shows them signed like hls.js's.</li>
          <li>Switch to hls.js in Controls: same session, same avh, no new /session.</li>
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
  title: 'Players/Private player (video.js)',
  component: PlayerVideojs,
  args: { ...playerArgs, engine: 'video.js' },
  argTypes: playerArgTypes,
} satisfies Meta<typeof PlayerVideojs>;

export default meta;

export const Story: StoryObj<typeof meta> = { name: 'Private player (video.js)' };
