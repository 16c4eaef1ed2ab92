import type { Meta, StoryObj } from '@storybook/react-vite';
import { type PlayerArgs, playerArgs, playerArgTypes } from '../demo/controls';
import { PlayerScenario } from '../demo/PlayerScenario';

const videoId = 'viPrivateFmp4';

/** The main scenario: a private fMP4 stream with AES-128 keys, so even key requests must be signed. */
function PlayerHlsJs(args: PlayerArgs) {
  return (
    <PlayerScenario
      {...args}
      title="Private player (hls.js)"
      videoId={videoId}
      summary={
        <>
          A private fMP4 rendition with AES-128 encryption. One <code>/session</code>, then every manifest,
          playlist, init segment, key and segment carries the same <code>avh</code>.
        </>
      }
      notes={
        <ul>
          <li>Switch the engine in Controls: the player restarts on the same session, no new token.</li>
          <li>
            Raise the latency, then switch the engine (or remount: ⟳ in the toolbar): each request arrives
            later in the log, still signed. The player already holds the whole 12 s video, so nothing new is
            requested until it starts again.
          </li>
        </ul>
      }
    />
  );
}

const meta = {
  title: 'Players/Private player (hls.js)',
  component: PlayerHlsJs,
  args: playerArgs,
  argTypes: playerArgTypes(),
} satisfies Meta<typeof PlayerHlsJs>;

export default meta;

export const Story: StoryObj<typeof meta> = { name: 'Private player (hls.js)' };
