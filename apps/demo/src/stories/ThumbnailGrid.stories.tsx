import { PrivateThumbnail } from '@private-video/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { type LatencyArgs, latencyArgTypes } from '../demo/controls';
import { DemoProvider } from '../demo/DemoProvider';
import { control } from '../demo/emulator';
import { Scenario } from '../demo/Scenario';

/** The emulator's built-in grid, `viGrid01` … `viGrid12` (its main entry is Node-only, so not imported). */
const gridVideoIds = Array.from({ length: 12 }, (_, i) => `viGrid${String(i + 1).padStart(2, '0')}`);

/** Twelve private videos, twelve tokens, twelve sessions: each thumbnail signed with its own `avh`. */
function ThumbnailGrid({ latency }: LatencyArgs) {
  return (
    <Scenario
      title="Grid of private thumbnails"
      summary={
        <>
          A catalogue page: twelve private videos, each with its own one-time token. Each{' '}
          <code>PrivateThumbnail</code> opens its session only when it nears the viewport.
        </>
      }
      tags={['12 videos', 'lazy sessions']}
      videoIds={gridVideoIds}
      latency={latency}
      setup={() => Promise.all(gridVideoIds.map((videoId) => control.mintToken(videoId)))}
      notes={
        <ul>
          <li>Twelve /session requests, twelve distinct avh values, one per video.</li>
          <li>Raise the latency, then reload: placeholders keep the grid still while images arrive.</li>
        </ul>
      }
    >
      {(tokens) => (
        <DemoProvider>
          <div className="pv-grid">
            {tokens.map(({ videoId, privateToken }) => (
              <figure key={videoId}>
                <PrivateThumbnail videoId={videoId} privateToken={privateToken} alt={videoId} />
                <figcaption>{videoId}</figcaption>
              </figure>
            ))}
          </div>
        </DemoProvider>
      )}
    </Scenario>
  );
}

const meta = {
  title: 'Thumbnails/Grid of private thumbnails',
  component: ThumbnailGrid,
  args: { latency: 0 },
  argTypes: latencyArgTypes,
} satisfies Meta<typeof ThumbnailGrid>;

export default meta;

export const Story: StoryObj<typeof meta> = { name: 'Grid of private thumbnails' };
