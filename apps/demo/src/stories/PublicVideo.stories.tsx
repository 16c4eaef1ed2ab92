import { PrivateThumbnail, PrivateVideoPlayer } from '@private-video/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { type PlayerArgs, playerArgs, playerArgTypes, playerProps } from '../demo/controls';
import { DemoProvider } from '../demo/DemoProvider';
import { PlayerStatus } from '../demo/PlayerStatus';
import { Scenario } from '../demo/Scenario';
import { usePlayerReport } from '../demo/usePlayerReport';

const videoId = 'viPublicTs';

/** Without a private token the same components play a public video: no session, nothing to sign. */
function PublicVideo({ engine, fallback, latency }: PlayerArgs) {
  const { report, callbacks } = usePlayerReport();
  return (
    <Scenario
      title="Public video"
      summary={
        <>
          The same <code>PrivateVideoPlayer</code> and <code>PrivateThumbnail</code>, given no private token:
          no <code>/session</code>, no <code>avh</code>, plain public URLs.
        </>
      }
      tags={[engine, 'public']}
      videoIds={[videoId]}
      latency={latency}
      // Public videos need no token, so there is nothing to mint.
      setup={async () => undefined}
      notes={
        <ul>
          <li>The ✗ in the log are grey: a public asset has no session to carry.</li>
        </ul>
      }
    >
      {() => (
        <DemoProvider engine={engine} fallback={fallback}>
          <PrivateVideoPlayer videoId={videoId} {...playerProps} {...callbacks} />
          <PlayerStatus report={report} />
          <div className="pv-small-thumb">
            <PrivateThumbnail videoId={videoId} alt="Public video thumbnail" width={200} />
          </div>
        </DemoProvider>
      )}
    </Scenario>
  );
}

const meta = {
  title: 'Players/Public video',
  component: PublicVideo,
  args: playerArgs,
  argTypes: playerArgTypes(),
} satisfies Meta<typeof PublicVideo>;

export default meta;

export const Story: StoryObj<typeof meta> = { name: 'Public video' };
