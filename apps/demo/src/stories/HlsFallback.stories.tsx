import type { FaultSpec } from '@private-video/emulator/control';
import { PrivateVideoPlayer } from '@private-video/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { engineArgType, type PlayerArgs, playerArgs, playerArgTypes, playerProps } from '../demo/controls';
import { DemoProvider } from '../demo/DemoProvider';
import { control } from '../demo/emulator';
import { PlayerStatus } from '../demo/PlayerStatus';
import { Scenario } from '../demo/Scenario';
import { useFault } from '../demo/useFault';
import { usePlayerReport } from '../demo/usePlayerReport';

// A video no other story plays, so the injected fault touches nothing else.
const videoId = 'viPrivateTs2';

// 404s, as api.video answers for a missing asset: the session is checked first (alive, so the asset is
// missing), then the engine gives up on it and the mp4 plays from there.
const faults = {
  'manifest 404': { match: { videoId, kind: 'manifest' }, status: 404 },
  'segments 404 after 3': { match: { videoId, kind: 'segment' }, status: 404, after: 3 },
} satisfies Record<string, FaultSpec>;

type FaultName = keyof typeof faults;
const faultNames = Object.keys(faults) as FaultName[];

// hls.js only (VHS has no per-player equivalent: video.js keeps its own pace, as the notes say). The demo
// gives up on a broken segment after one quick retry, whether or not the viewer waits on it yet (the
// engine's own policy: three retries over ~3.5 s while the buffer lasts, two failures once it ran out).
// A 4 s buffer: with hls.js's default 30 s it fetches the whole 12 s video at once, so "segments 404
// after 3" broke it at 0.0 s, before anything played; this way the 4th segment is asked for (and
// refused) once about 2 s have played, and the mp4 takes over from there.
const hlsConfig = {
  maxBufferLength: 4,
  maxMaxBufferLength: 4,
  fragLoadPolicy: {
    default: {
      maxTimeToFirstByteMs: 8000,
      maxLoadTimeMs: 20000,
      timeoutRetry: { maxNumRetry: 1, retryDelayMs: 0, maxRetryDelayMs: 0 },
      errorRetry: { maxNumRetry: 1, retryDelayMs: 250, maxRetryDelayMs: 250 },
    },
  },
};

function FaultyPlayer({ privateToken, fault }: { privateToken: string; fault: FaultName }) {
  const injected = useFault(faults[fault]);
  const { report, callbacks } = usePlayerReport();
  if (injected.status === 'injecting')
    return <div className="pv-stage__placeholder">Injecting the fault…</div>;
  if (injected.status === 'failed')
    return (
      <div className="pv-stage__placeholder pv-stage__placeholder--error" role="alert">
        <strong>The fault could not be injected.</strong>
        <span>{injected.error.message}</span>
      </div>
    );
  return (
    <>
      <PrivateVideoPlayer
        videoId={videoId}
        privateToken={privateToken}
        hlsConfig={hlsConfig}
        {...playerProps}
        {...callbacks}
      />
      <PlayerStatus report={report} />
    </>
  );
}

interface FallbackArgs extends PlayerArgs {
  fault: FaultName;
}

/** HLS breaks (through the emulator's fault injection); the player carries on with the mp4. */
function HlsFallback({ engine, fallback, latency, fault }: FallbackArgs) {
  return (
    <Scenario
      title="HLS → mp4 fallback"
      summary={
        <>
          The story injects a fault with <code>control.addFault</code>. When HLS fails for good, the player
          switches to the signed mp4 at the same position, still on the one session.
        </>
      }
      tags={[engine, fallback ? 'fallback on' : 'fallback off', fault]}
      videoIds={[videoId]}
      latency={latency}
      setup={() => control.mintToken(videoId)}
      notes={
        <ul>
          <li>
            <b>segments 404 after 3</b>: playback starts; the 4th segment (<code>seg_003</code>) gets a red
            404 (hover it: rule <code>fault</code>). After each refusal the player asks for the manifest again
            to check that the session lives (200): the segment is missing, not the session. The status line
            says where the mp4 took over.
          </li>
          <li>
            <b>hls.js</b> asks for the segment once more (one quick retry, set by this story's{' '}
            <code>hlsConfig</code>; from its other rendition here), then gives up within the second.
          </li>
          <li>
            <b>video.js</b> has no such setting: VHS asks again about once a second, from one rendition then
            the other, and the player gives up after some five refusals (~3 s), having played what it had.
          </li>
          <li>
            <b>manifest 404</b>: the same check with the thumbnail, then the mp4 from the start.
          </li>
          <li>
            The story's first fallback adds <code>mp4</code> rows. A later one (another engine or fault) plays
            the same signed mp4 URL, which the browser may answer from what it already holds: then no new{' '}
            <code>mp4</code> rows. Remount (⟳ in the toolbar) for a new token, new URLs, and every row again.
          </li>
          <li>
            Still one /session: a missing asset spends no new token. Turn fallback off to see the error.
          </li>
        </ul>
      }
    >
      {(minted) => (
        <DemoProvider engine={engine} fallback={fallback}>
          {/* A new engine, fault or fallback setting starts the player again, on the same session, with
              the fault injected afresh (an `after` count the previous player spent would skip "plays, then breaks"). */}
          <FaultyPlayer
            key={`${engine}|${fault}|${fallback}`}
            privateToken={minted.privateToken}
            fault={fault}
          />
        </DemoProvider>
      )}
    </Scenario>
  );
}

const meta = {
  title: 'Resilience/HLS → mp4 fallback',
  component: HlsFallback,
  args: { ...playerArgs, fault: 'segments 404 after 3' },
  argTypes: {
    ...playerArgTypes(),
    // `native` plays the mp4 from the start (native HLS cannot be signed): no HLS to fall back from.
    engine: engineArgType(['hlsjs', 'videojs'], 'hlsjs', 'Who plays the HLS stream.'),
    fault: {
      description: 'What the emulator breaks for this video (`control.addFault`).',
      options: faultNames,
      control: { type: 'inline-radio' },
      table: {
        type: { summary: faultNames.map((name) => `'${name}'`).join(' | ') },
        defaultValue: { summary: 'segments 404 after 3' },
      },
    },
  },
} satisfies Meta<typeof HlsFallback>;

export default meta;

export const Story: StoryObj<typeof meta> = { name: 'HLS → mp4 fallback' };
