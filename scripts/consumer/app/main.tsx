// A user's app, written only against the published packages as their READMEs show them: a provider with its
// own core SessionClient, a thumbnail, a hook or two, and (after "Play") one player per engine. It reports to
// `window.__smoke` (set up by index.html) for scripts/consumer/smoke.mjs; it asserts nothing itself.
import 'video.js/dist/video-js.css';
import { SessionClient, toVideoRef } from '@private-video/core';
import {
  type PlaybackEngineName,
  PrivateThumbnail,
  PrivateVideoPlayer,
  PrivateVideoProvider,
  SessionClient as ReExportedSessionClient,
  usePrivateAssets,
  usePrivateSession,
  type VideoSource,
} from '@private-video/react';
import type { PrivateTokenResponse, PrivateVideoSource } from '@private-video/server';
import { StrictMode, useCallback, useState } from 'react';
import { createRoot } from 'react-dom/client';

interface EngineReport {
  states: string[];
  frames: number;
  currentTime: number;
  fallback?: string;
  error?: string;
}

interface SmokeReport {
  errors: string[];
  ready?: boolean;
  sameSessionClient?: boolean;
  refs?: { videoId: string; privateToken: string | undefined }[];
  players: Partial<Record<PlaybackEngineName, EngineReport>>;
}

declare global {
  interface Window {
    __smoke: SmokeReport;
  }
}

const report = window.__smoke;

/** The page's sources: minted on the server by @private-video/server, passed in the query (`?sources=`). */
const sources = JSON.parse(new URLSearchParams(location.search).get('sources') ?? 'null') as {
  hls: PrivateVideoSource;
  videojs: PrivateVideoSource;
};

// React re-exports core: both names must be the one class, or a provider's client and core's would differ.
report.sameSessionClient = SessionClient === ReExportedSessionClient;
report.refs = [sources.hls, sources.videojs].map((source) => {
  const ref = toVideoRef(source);
  return { videoId: ref.videoId, privateToken: ref.privateToken };
});

// The token handler's JSON ({ privateToken, … }) is what getPrivateToken may return as it is.
const client = new SessionClient({
  getPrivateToken: (ref, { signal }) =>
    fetch(`/api/private-token?videoId=${ref.videoId}`, { signal }).then(
      (r) => r.json() as Promise<PrivateTokenResponse>,
    ),
});

function engineReport(engine: PlaybackEngineName): EngineReport {
  report.players[engine] ??= { states: [], frames: 0, currentTime: 0 };
  return report.players[engine];
}

// StrictMode attaches a callback ref twice: one watch per element.
const watched = new WeakSet<HTMLVideoElement>();

/** Counts presented frames and follows the time, on whichever `<video>` the engine gives the ref. */
function useFrameWatcher(engine: PlaybackEngineName) {
  return useCallback(
    (video: HTMLVideoElement | null) => {
      if (!video || watched.has(video)) return;
      watched.add(video);
      const entry = engineReport(engine);
      const onFrame = () => {
        entry.frames += 1;
        entry.currentTime = video.currentTime;
        if (video.isConnected) video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
      video.addEventListener('timeupdate', () => {
        entry.currentTime = video.currentTime;
      });
    },
    [engine],
  );
}

function Player({ source, engine }: { source: PrivateVideoSource; engine: PlaybackEngineName }) {
  const entry = engineReport(engine);
  return (
    <PrivateVideoPlayer
      ref={useFrameWatcher(engine)}
      video={source}
      engine={engine}
      data-engine={engine}
      controls
      muted
      autoPlay
      playsInline
      width={400}
      height={225}
      onStateChange={(state) => entry.states.push(state)}
      onFallback={(event) => {
        entry.fallback = `${event.reason.code}: ${event.reason.message}`;
      }}
      onError={(error) => {
        entry.error = `${error.code}: ${error.message}`;
      }}
    />
  );
}

/** The hooks, on the thumbnail's video: they share its one session. */
function SessionInfo({ source }: { source: VideoSource }) {
  const { status } = usePrivateSession(source);
  const { mp4 } = usePrivateAssets(source);
  return (
    <p>
      <output data-session-status={status}>{status}</output> {mp4 && <a href={mp4}>Download</a>}
    </p>
  );
}

function App() {
  const [playing, setPlaying] = useState(false);
  return (
    <PrivateVideoProvider client={client}>
      <PrivateThumbnail
        video={sources.hls}
        alt="Intro"
        width={320}
        onError={(error) => report.errors.push(`thumbnail: ${error.code}: ${error.message}`)}
      />
      <SessionInfo source={sources.hls} />
      <button type="button" onClick={() => setPlaying(true)}>
        Play
      </button>
      {playing && (
        <div style={{ display: 'flex', gap: 8 }}>
          <Player source={sources.hls} engine="hls.js" />
          <Player source={sources.videojs} engine="video.js" />
        </div>
      )}
    </PrivateVideoProvider>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
report.ready = true;
