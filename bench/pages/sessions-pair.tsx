/**
 * A thumbnail and a player of one video (one private token) under StrictMode, whose development build
 * mounts every effect twice: the emulator must still see exactly one `/session` request.
 */
import { PrivateThumbnail, PrivateVideoPlayer, PrivateVideoProvider } from '@private-video/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { readConfig, toDomains } from './shared/config';
import { mark, record } from './shared/record';
import { watchVideo } from './shared/watchVideo';

const config = readConfig<{ emulatorUrl: string; videoId: string; privateToken: string }>();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PrivateVideoProvider domains={toDomains(config.emulatorUrl)}>
      <PrivateThumbnail
        videoId={config.videoId}
        privateToken={config.privateToken}
        width={320}
        alt="thumbnail"
        onLoad={() => mark('thumbnailLoaded')}
        onError={(error) => record.errors.push(`thumbnail: ${error.code}`)}
      />
      <PrivateVideoPlayer
        ref={watchVideo}
        videoId={config.videoId}
        privateToken={config.privateToken}
        autoPlay
        muted
        width={640}
        height={360}
        onError={(error) => record.errors.push(`player: ${error.code}: ${error.message}`)}
      />
    </PrivateVideoProvider>
  </StrictMode>,
);
