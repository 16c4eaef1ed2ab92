import { PrivateThumbnail, PrivateVideoPlayer } from '@private-video/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useCallback, useRef, useState } from 'react';
import { type PlayerArgs, playerArgs, playerArgTypes, playerProps } from '../demo/controls';
import { DemoProvider } from '../demo/DemoProvider';
import { control } from '../demo/emulator';
import { PlayerStatus } from '../demo/PlayerStatus';
import { Scenario } from '../demo/Scenario';
import { usePlayerReport } from '../demo/usePlayerReport';

const videoId = 'viPrivateTs';

/** The thumbnail until clicked, then the player: both under one private token, so one session. */
function ThumbnailThenPlayer({ privateToken }: { privateToken: string }) {
  const [playing, setPlaying] = useState(false);
  const { report, callbacks } = usePlayerReport();
  // The player takes the focus the thumbnail's button had: that button is gone, and a keyboard user would
  // otherwise start again from the top of the page. Once only: an engine switch in Controls must not pull
  // the focus away from the Controls panel.
  const focusPending = useRef(false);
  const focusPlayer = useCallback((video: HTMLVideoElement | null) => {
    if (!video || !focusPending.current) return;
    focusPending.current = false;
    video.focus();
  }, []);
  if (!playing) {
    return (
      <div className="pv-click">
        <PrivateThumbnail
          videoId={videoId}
          privateToken={privateToken}
          alt="Play the private video"
          onClick={() => {
            focusPending.current = true;
            setPlaying(true);
          }}
        />
        <span className="pv-click__badge" aria-hidden>
          <span>▶ Play</span>
        </span>
      </div>
    );
  }
  return (
    <>
      <PrivateVideoPlayer
        ref={focusPlayer}
        videoId={videoId}
        privateToken={privateToken}
        {...playerProps}
        {...callbacks}
      />
      <PlayerStatus report={report} />
    </>
  );
}

/** Seed 001: a clickable thumbnail that opens the player of the same video, in the same session. */
function ClickToPlay({ engine, fallback, latency }: PlayerArgs) {
  return (
    <Scenario
      title="Clickable thumbnail → player"
      summary={
        <>
          The seed-001 scenario: a thumbnail that opens the player of the same video. The private token is
          single-use, so the player must reuse the thumbnail's session; a second <code>/session</code> would
          get a 404.
        </>
      }
      tags={[engine, 'one session']}
      videoIds={[videoId]}
      latency={latency}
      setup={() => control.mintToken(videoId)}
      notes={
        <ul>
          <li>Click the thumbnail: the log gains manifests and segments, but no second /session.</li>
          <li>Every row after /session shows the same avh: the thumbnail's session signs the stream.</li>
        </ul>
      }
    >
      {(minted) => (
        <DemoProvider engine={engine} fallback={fallback}>
          <ThumbnailThenPlayer privateToken={minted.privateToken} />
        </DemoProvider>
      )}
    </Scenario>
  );
}

const meta = {
  title: 'Thumbnails/Clickable thumbnail',
  component: ClickToPlay,
  args: playerArgs,
  argTypes: playerArgTypes(),
} satisfies Meta<typeof ClickToPlay>;

export default meta;

export const Story: StoryObj<typeof meta> = { name: 'Clickable thumbnail' };
