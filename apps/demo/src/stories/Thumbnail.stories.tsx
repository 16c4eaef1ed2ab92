import { PrivateThumbnail, usePrivateAssets } from '@private-video/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { type LatencyArgs, latencyArgTypes } from '../demo/controls';
import { DemoProvider } from '../demo/DemoProvider';
import { control } from '../demo/emulator';
import { Scenario } from '../demo/Scenario';
import { SignedUrl } from '../demo/SignedUrl';

const videoId = 'viPrivateTs';

/** The signed URLs of the same session, as `usePrivateAssets` hands them to any custom player. */
function SignedAssets({ privateToken }: { privateToken: string }) {
  const assets = usePrivateAssets({ videoId, privateToken });
  return (
    <ul className="pv-urls" aria-label="Signed asset URLs">
      <li>
        <b>thumbnail</b> <SignedUrl url={assets.thumbnail} />
      </li>
      <li>
        <b>hls</b> <SignedUrl url={assets.hls} />
      </li>
      <li>
        <b>mp4</b> <SignedUrl url={assets.mp4} />
      </li>
    </ul>
  );
}

/** Seed 000: a private thumbnail needs the session first; `<img src=…/thumbnail.jpg>` alone gets a 404. */
function Thumbnail({ latency }: LatencyArgs) {
  return (
    <Scenario
      title="Private thumbnail"
      summary={
        <>
          <code>PrivateThumbnail</code> opens the session (spending the one-time private token), then loads{' '}
          <code>thumbnail.jpg?avh=…</code>. <code>usePrivateAssets</code> reuses that session for the URLs
          below.
        </>
      }
      tags={['PrivateThumbnail', 'usePrivateAssets']}
      videoIds={[videoId]}
      latency={latency}
      setup={() => control.mintToken(videoId)}
      notes={
        <ul>
          <li>
            Two components, one private token, one <code>/session</code> in the log.
          </li>
          <li>The box keeps its 16:9 size while loading: nothing moves when the image arrives.</li>
        </ul>
      }
    >
      {(minted) => (
        <DemoProvider>
          <PrivateThumbnail
            videoId={videoId}
            privateToken={minted.privateToken}
            alt="Private video thumbnail"
            openSession="eager"
          />
          <SignedAssets privateToken={minted.privateToken} />
        </DemoProvider>
      )}
    </Scenario>
  );
}

const meta = {
  title: 'Thumbnails/Private thumbnail',
  component: Thumbnail,
  args: { latency: 0 },
  argTypes: latencyArgTypes,
} satisfies Meta<typeof Thumbnail>;

export default meta;

export const Story: StoryObj<typeof meta> = { name: 'Private thumbnail' };
