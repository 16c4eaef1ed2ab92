import { PrivateVideoPlayer } from '@private-video/react';
import type { ReactNode } from 'react';
import { type PlayerArgs, playerProps } from './controls';
import { DemoProvider } from './DemoProvider';
import { control } from './emulator';
import { PlayerStatus } from './PlayerStatus';
import { Scenario } from './Scenario';
import { usePlayerReport } from './usePlayerReport';

export interface PlayerScenarioProps extends PlayerArgs {
  title: string;
  summary: ReactNode;
  notes: ReactNode;
  /** The video (or live stream, with `live`) the scenario mints a fresh private token for. */
  videoId: string;
  live?: boolean;
  tags?: readonly string[];
}

/** One private player on a freshly minted token, its status, and the request log beside it. */
export function PlayerScenario({
  engine,
  fallback,
  latency,
  videoId,
  live,
  tags,
  ...text
}: PlayerScenarioProps) {
  const { report, callbacks } = usePlayerReport();
  return (
    <Scenario
      {...text}
      tags={tags ?? [engine, fallback ? 'fallback on' : 'fallback off']}
      videoIds={[videoId]}
      latency={latency}
      setup={() => control.mintToken(videoId)}
    >
      {(minted) => (
        <DemoProvider engine={engine} fallback={fallback}>
          <PrivateVideoPlayer
            videoId={videoId}
            live={live}
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
