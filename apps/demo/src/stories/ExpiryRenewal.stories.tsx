import { type GetPrivateToken, PrivateVideoPlayer, usePrivateSession } from '@private-video/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { type PlayerArgs, playerArgs, playerArgTypes, playerProps } from '../demo/controls';
import { DemoProvider } from '../demo/DemoProvider';
import { control } from '../demo/emulator';
import { PlayerStatus } from '../demo/PlayerStatus';
import { Scenario } from '../demo/Scenario';
import { useNow } from '../demo/useNow';
import { usePlayerReport } from '../demo/usePlayerReport';

const videoId = 'viPrivateTs';
/** Seconds: short enough to watch several renewals, long enough to read the countdown. */
const SESSION_TTL = 10;
/** Renew this long before expiry (the default, 60 s, is longer than the whole session here). */
const RENEW_MARGIN_MS = 3000;

/**
 * The video is shorter than a session and loops: with hls.js's default buffers it is fetched once and
 * replayed from memory, so no request would ever carry the renewed session's `avh`. A short buffer and
 * no back buffer keep segments coming, each signed by whichever session is current.
 */
const hlsConfig = { maxBufferLength: 4, maxMaxBufferLength: 4, backBufferLength: 0 };

/** What an app's backend does on `GET /videos/{id}`: mint a fresh private token (here, via the emulator). */
const getPrivateToken: GetPrivateToken = async (ref) =>
  (await control.mintToken(ref.videoId, { sessionTtl: SESSION_TTL })).privateToken;

/** The shared session as `usePrivateSession` sees it: the same one the player renews. */
function SessionCountdown({ privateToken, renewals }: { privateToken: string; renewals: number }) {
  const { session, ref } = usePrivateSession({ videoId, privateToken });
  const now = useNow(200);
  const left = session ? Math.max(0, session.expiresAt - now) : undefined;
  const share = left === undefined ? 0 : left / (SESSION_TTL * 1000);
  return (
    <dl className="pv-facts">
      <div>
        <dt>session expires in</dt>
        <dd data-testid="expires-in">{left === undefined ? '…' : `${(left / 1000).toFixed(1)} s`}</dd>
        <div className="pv-meter" aria-hidden>
          <span
            style={{ width: `${share * 100}%`, background: share < 0.3 ? 'var(--pv-warn)' : undefined }}
          />
        </div>
      </div>
      <div>
        <dt>renewals</dt>
        <dd data-testid="renewals">{renewals}</dd>
      </div>
      <div>
        <dt>private token</dt>
        <dd title={ref?.privateToken}>{ref?.privateToken?.slice(0, 8) ?? '…'}</dd>
      </div>
      <div>
        <dt>avh</dt>
        <dd title={session?.token}>{session?.token.slice(0, 8) ?? '…'}</dd>
      </div>
    </dl>
  );
}

function RenewingPlayer({ privateToken }: { privateToken: string }) {
  const { report, callbacks } = usePlayerReport();
  return (
    <>
      <PrivateVideoPlayer
        videoId={videoId}
        privateToken={privateToken}
        renewMargin={RENEW_MARGIN_MS}
        hlsConfig={hlsConfig}
        // Also on the player: its renew-ahead timer only runs when the player itself has one.
        getPrivateToken={getPrivateToken}
        {...playerProps}
        {...callbacks}
      />
      <PlayerStatus report={report} />
      <SessionCountdown privateToken={privateToken} renewals={report.renewals} />
    </>
  );
}

/** A 10 s session, renewed ahead of its expiry through `getPrivateToken` without interrupting playback. */
function ExpiryRenewal({ engine, fallback, latency }: PlayerArgs) {
  return (
    <Scenario
      title="Expiry and renewal"
      summary={
        <>
          Sessions last {SESSION_TTL} s here (24 h on api.video). {RENEW_MARGIN_MS / 1000} s before expiry the
          player calls <code>getPrivateToken</code>, which mints a new token, opens a new session and goes on
          signing with the new <code>avh</code>: no reload, no stall.
        </>
      }
      tags={[engine, `ttl ${SESSION_TTL} s`]}
      videoIds={[videoId]}
      latency={latency}
      setup={() => control.mintToken(videoId, { sessionTtl: SESSION_TTL })}
      notes={
        <ul>
          <li>Each renewal adds one /session row; the avh column changes value after it.</li>
          <li>
            hls.js keeps only 4 s of video here, so segments keep coming and show the new avh. video.js and
            the native mp4 hold the whole 12 s video once loaded: with them, a renewal may add its /session
            row and nothing after it (switch the engine to see the new avh at work).
          </li>
        </ul>
      }
    >
      {(minted) => (
        <DemoProvider
          engine={engine}
          fallback={fallback}
          sessionTtl={SESSION_TTL * 1000}
          getPrivateToken={getPrivateToken}
        >
          <RenewingPlayer privateToken={minted.privateToken} />
        </DemoProvider>
      )}
    </Scenario>
  );
}

const meta = {
  title: 'Resilience/Expiry and renewal',
  component: ExpiryRenewal,
  args: playerArgs,
  argTypes: playerArgTypes(),
} satisfies Meta<typeof ExpiryRenewal>;

export default meta;

export const Story: StoryObj<typeof meta> = { name: 'Expiry and renewal' };
