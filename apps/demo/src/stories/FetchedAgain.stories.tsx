import type { ApiVideoObject } from '@private-video/core';
import type { MintedToken } from '@private-video/emulator/control';
import { PrivateThumbnail, PrivateVideoPlayer, usePrivateSession } from '@private-video/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { type PlayerArgs, playerArgs, playerArgTypes, playerProps } from '../demo/controls';
import { DemoProvider } from '../demo/DemoProvider';
import { control } from '../demo/emulator';
import { PlayerStatus } from '../demo/PlayerStatus';
import { Scenario } from '../demo/Scenario';
import { usePlayerReport } from '../demo/usePlayerReport';

const videoId = 'viPrivateTs';

/** The API's video object as `GET /videos/{videoId}` gives it: each fetch carries a new private token. */
function toApiVideo(minted: MintedToken): ApiVideoObject {
  return { videoId: minted.videoId, public: false, assets: minted.urls };
}

/** What a data library's revalidation does (on focus, on an interval): the same video, a new private token. */
function RefetchedPlayer({ first }: { first: MintedToken }) {
  const [fetched, setFetched] = useState({ video: toApiVideo(first), count: 1, token: first.privateToken });
  const [fetching, setFetching] = useState(false);
  const { report, callbacks } = usePlayerReport();
  // The first object's session, which the player and thumbnail share and keep.
  const { ref, session } = usePrivateSession(toApiVideo(first));
  const fetchAgain = () => {
    setFetching(true);
    control
      .mintToken(videoId)
      .then(
        (minted) =>
          setFetched(({ count }) => ({
            video: toApiVideo(minted),
            count: count + 1,
            token: minted.privateToken,
          })),
        // The emulator is gone: the request log says so.
        () => {},
      )
      .finally(() => setFetching(false));
  };
  return (
    <>
      <PrivateVideoPlayer video={fetched.video} {...playerProps} {...callbacks} />
      <PlayerStatus report={report} />
      <div className="pv-refetch">
        <button type="button" className="pv-button" onClick={fetchAgain} disabled={fetching}>
          Fetch the video again
        </button>
        <PrivateThumbnail video={fetched.video} alt="The same video's thumbnail" width={160} />
      </div>
      <dl className="pv-facts">
        <div>
          <dt>fetches</dt>
          <dd data-testid="fetches">{fetched.count}</dd>
        </div>
        <div>
          <dt>private token given</dt>
          <dd title={fetched.token} data-testid="token-given">
            {fetched.token.slice(0, 8)}
          </dd>
        </div>
        <div>
          <dt>private token of the session</dt>
          <dd title={ref?.privateToken}>{ref?.privateToken?.slice(0, 8) ?? '…'}</dd>
        </div>
        <div>
          <dt>avh</dt>
          <dd title={session?.token}>{session?.token.slice(0, 8) ?? '…'}</dd>
        </div>
      </dl>
    </>
  );
}

/** A player whose app fetches its video object again while it plays: it plays on, in its one session. */
function FetchedAgain({ engine, fallback, latency }: PlayerArgs) {
  return (
    <Scenario
      title="Video fetched again"
      summary={
        <>
          The API answers every <code>GET /videos/{'{videoId}'}</code> of a private video with a new private
          token, and data libraries fetch again on focus or on an interval. While the video's session lives,
          the player plays on and the thumbnail keeps its image: no second <code>/session</code>; the new
          token, unspent, is kept for the session's next renewal.
        </>
      }
      tags={[engine, 'one session']}
      videoIds={[videoId]}
      latency={latency}
      setup={() => control.mintToken(videoId)}
      notes={
        <ul>
          <li>
            Click “Fetch the video again”: the count and the token given change, the video does not stop.
          </li>
          <li>
            The log shows one /session, and every request signed with its avh on the first token's path.
          </li>
        </ul>
      }
    >
      {(minted) => (
        <DemoProvider engine={engine} fallback={fallback}>
          <RefetchedPlayer first={minted} />
        </DemoProvider>
      )}
    </Scenario>
  );
}

const meta = {
  title: 'Players/Video fetched again',
  component: FetchedAgain,
  args: playerArgs,
  argTypes: playerArgTypes(),
} satisfies Meta<typeof FetchedAgain>;

export default meta;

export const Story: StoryObj<typeof meta> = { name: 'Video fetched again' };
