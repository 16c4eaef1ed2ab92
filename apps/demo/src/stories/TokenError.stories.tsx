import { PrivateThumbnail, PrivateVideoPlayer } from '@private-video/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { type LatencyArgs, latencyArgTypes, playerProps } from '../demo/controls';
import { DemoProvider } from '../demo/DemoProvider';
import { control } from '../demo/emulator';
import { PlayerStatus } from '../demo/PlayerStatus';
import { Scenario } from '../demo/Scenario';
import { usePlayerReport } from '../demo/usePlayerReport';

const videoId = 'viPrivateTs';

type TokenKind = 'used' | 'unknown';

/** A token someone else already spent (its one `/session` is gone), or one the delivery never issued. */
async function badToken(kind: TokenKind): Promise<string> {
  if (kind === 'unknown') return crypto.randomUUID();
  const minted = await control.mintToken(videoId);
  // Spend it the way another tab or a shared link would: its single /session request.
  await fetch(minted.urls.session, { cache: 'no-store' });
  return minted.privateToken;
}

interface TokenErrorArgs extends LatencyArgs {
  token: TokenKind;
}

/** What a viewer sees when the private token no longer opens a session: a clear message, no retry loop. */
function TokenError({ token, latency }: TokenErrorArgs) {
  // What `onError` hands the app (without it, each component writes its failure to the console).
  const { report, callbacks } = usePlayerReport();
  const [thumbnailError, setThumbnailError] = useState<string>();
  return (
    <Scenario
      // A new choice of token starts the scenario over, with a token of that kind.
      key={token}
      title="Used or unknown token"
      summary={
        <>
          The delivery answers <code>/session</code> with 404 when the token is spent or was never issued.
          Player and thumbnail share that one failed attempt and show the <code>token-used</code> error;
          nothing is retried.
        </>
      }
      tags={[`${token} token`]}
      videoIds={[videoId]}
      latency={latency}
      setup={() => badToken(token)}
      notes={
        <ul>
          <li>
            With a used token, the log first shows the /session that spent it (200), then the refusal (404).
          </li>
          <li>
            An app would mint a new token on reload, which is what the message suggests. Here every mount
            makes a bad token on purpose, so the message stays.
          </li>
        </ul>
      }
    >
      {(privateToken) => (
        <DemoProvider>
          <PrivateVideoPlayer videoId={videoId} privateToken={privateToken} {...playerProps} {...callbacks} />
          <PlayerStatus report={report} />
          <div className="pv-small-thumb">
            <PrivateThumbnail
              videoId={videoId}
              privateToken={privateToken}
              alt="Thumbnail"
              width={240}
              onError={(error) => setThumbnailError(error.code)}
            />
          </div>
          <p className="pv-status-line" role="status">
            thumbnail's onError: {thumbnailError ?? '–'}
          </p>
        </DemoProvider>
      )}
    </Scenario>
  );
}

const meta = {
  title: 'Resilience/Used or unknown token',
  component: TokenError,
  args: { token: 'used', latency: 0 },
  argTypes: {
    token: {
      description: 'A token already spent by another /session, or one never minted.',
      options: ['used', 'unknown'],
      control: { type: 'inline-radio' },
      table: { type: { summary: "'used' | 'unknown'" }, defaultValue: { summary: 'used' } },
    },
    ...latencyArgTypes,
  },
} satisfies Meta<typeof TokenError>;

export default meta;

export const Story: StoryObj<typeof meta> = { name: 'Used or unknown token' };
