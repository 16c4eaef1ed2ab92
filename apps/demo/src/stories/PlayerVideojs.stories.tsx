import type { Meta, StoryObj } from '@storybook/react-vite';
import { engineArg, type PlayerArgs, playerArgs, playerArgTypes } from '../demo/controls';
import { PlayerScenario } from '../demo/PlayerScenario';

const videoId = 'viPrivateTs';

/** video.js (VHS) signs through a per-player `onRequest` hook; the same session, the same `avh`. */
function PlayerVideojs(args: PlayerArgs) {
  return (
    <PlayerScenario
      {...args}
      title="Private player (video.js)"
      videoId={videoId}
      summary={
        <>
          The same private flow through video.js: its own skin and its own HTTP stack (VHS), signed by a
          per-player request hook, never the global one.
        </>
      }
      notes={
        <ul>
          <li>VHS requests go through the player's own hook: the log shows them signed like hls.js's.</li>
          <li>Switch to hls.js in Controls: same session, same avh, no new /session.</li>
        </ul>
      }
    />
  );
}

const meta = {
  title: 'Players/Private player (video.js)',
  component: PlayerVideojs,
  args: { ...playerArgs, engine: engineArg('videojs') },
  argTypes: playerArgTypes('videojs'),
} satisfies Meta<typeof PlayerVideojs>;

export default meta;

export const Story: StoryObj<typeof meta> = { name: 'Private player (video.js)' };
