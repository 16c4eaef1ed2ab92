/**
 * One `PrivateVideoPlayer`, muted and autoplaying, instrumented for the startup, signing-coverage and
 * fallback benchmarks. With `thumbnailFirst`, a `PrivateThumbnail` of the same video opens the session
 * and the player is mounted once its image has loaded (the "click a thumbnail, then play" path).
 * `mount` is marked right before the player is rendered: the startup numbers are measured from it. With
 * `warmEngine`, hls.js is loaded before that (a page that has played a video already): the session's round trip
 * is then not hidden behind the engine's download.
 */
import type { PlaybackEngineName } from '@private-video/core';
import { PrivateThumbnail, PrivateVideoPlayer, PrivateVideoProvider } from '@private-video/react';
import { useCallback, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { readConfig, toDomains } from './shared/config';
import { mark, record, setValue } from './shared/record';
import { showTextTracks, watchVideo } from './shared/watchVideo';

export interface PlayerPageConfig {
  emulatorUrl: string;
  videoId: string;
  /** Absent for a public video. */
  privateToken?: string;
  engine: PlaybackEngineName;
  /** A session opened on the server (the `session` prop): no `/session` request from the page. */
  session?: { token: string };
  thumbnailFirst?: boolean;
  warmEngine?: boolean;
  hlsConfig?: Record<string, unknown>;
  /** VHS buffers 2 s ahead, not 30 s (its options are global): a fault mid-stream meets requests to come. */
  shortVhsBuffers?: boolean;
  /** Show text tracks so subtitle requests happen (signing coverage). */
  subtitles?: boolean;
}

const config = readConfig<PlayerPageConfig>();

function Player() {
  const onVideo = useCallback((video: HTMLVideoElement | null) => {
    watchVideo(video);
    if (config.subtitles) showTextTracks(video);
  }, []);
  return (
    <PrivateVideoPlayer
      ref={onVideo}
      videoId={config.videoId}
      privateToken={config.privateToken}
      session={config.session}
      engine={config.engine}
      hlsConfig={config.hlsConfig}
      autoPlay
      muted
      playsInline
      width={640}
      height={360}
      onFallback={(event) => {
        mark('fallback');
        setValue('fallbackPosition', event.position);
        setValue('fallbackReason', event.reason.message);
        setValue('currentTimeAtFallback', document.querySelector('video')?.currentTime ?? -1);
      }}
      onStateChange={(state) => mark(`state:${state}`)}
      onError={(error) => record.errors.push(`player: ${error.code}: ${error.message}`)}
    />
  );
}

function App() {
  const [showPlayer, setShowPlayer] = useState(!config.thumbnailFirst);
  return (
    <PrivateVideoProvider domains={toDomains(config.emulatorUrl)}>
      {config.thumbnailFirst && (
        <PrivateThumbnail
          videoId={config.videoId}
          privateToken={config.privateToken}
          openSession="eager"
          width={320}
          alt="thumbnail"
          onLoad={() => {
            mark('thumbnailLoaded');
            mark('mount');
            setShowPlayer(true);
          }}
          onError={(error) => record.errors.push(`thumbnail: ${error.code}: ${error.message}`)}
        />
      )}
      {showPlayer && <Player />}
    </PrivateVideoProvider>
  );
}

async function start() {
  // The same module the player imports lazily: it is then loaded and run once, before the mount.
  if (config.warmEngine) await import('@private-video/core/hls');
  if (config.shortVhsBuffers) {
    const { default: videojs } = await import('video.js');
    Object.assign((videojs as unknown as { Vhs: object }).Vhs, {
      GOAL_BUFFER_LENGTH: 2,
      MAX_GOAL_BUFFER_LENGTH: 2,
    });
  }
  const root = createRoot(document.getElementById('root')!);
  if (!config.thumbnailFirst) mark('mount');
  root.render(<App />);
}
start().catch((error: unknown) => record.errors.push(`page: ${String(error)}`));
