/**
 * A thumbnail and a player of one video under StrictMode, whose development build mounts every effect twice:
 * the emulator must still see exactly one `/session` request. With `playerToken`, the player is a watch page's,
 * mounted once the thumbnail shows, with the private token of a later fetch of the video (the API gives each
 * fetch a new one): it plays on the thumbnail's session, so that page makes one request too.
 */
import { PrivateThumbnail, PrivateVideoPlayer, PrivateVideoProvider } from '@private-video/react';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { readConfig, toDomains } from './shared/config';
import { mark, record } from './shared/record';
import { watchVideo } from './shared/watchVideo';

const config = readConfig<{
  emulatorUrl: string;
  videoId: string;
  privateToken: string;
  playerToken?: string;
}>();

function Page() {
  const [watching, setWatching] = useState(config.playerToken === undefined);
  return (
    <>
      <PrivateThumbnail
        videoId={config.videoId}
        privateToken={config.privateToken}
        width={320}
        alt="thumbnail"
        onLoad={() => {
          mark('thumbnailLoaded');
          setWatching(true);
        }}
        onError={(error) => record.errors.push(`thumbnail: ${error.code}`)}
      />
      {watching && (
        <PrivateVideoPlayer
          ref={watchVideo}
          videoId={config.videoId}
          privateToken={config.playerToken ?? config.privateToken}
          autoPlay
          muted
          width={640}
          height={360}
          onError={(error) => record.errors.push(`player: ${error.code}: ${error.message}`)}
        />
      )}
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PrivateVideoProvider domains={toDomains(config.emulatorUrl)}>
      <Page />
    </PrivateVideoProvider>
  </StrictMode>,
);
