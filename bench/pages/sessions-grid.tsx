/**
 * A grid of thumbnails, one private token each, under StrictMode. They are small enough to all be in
 * the viewport, so each opens its session (the default `openSession="visible"`); the emulator must see
 * one `/session` request per token.
 */
import { PrivateThumbnail, PrivateVideoProvider } from '@private-video/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { readConfig, toDomains } from './shared/config';
import { increment, record } from './shared/record';

const config = readConfig<{ emulatorUrl: string; videos: { videoId: string; privateToken: string }[] }>();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PrivateVideoProvider domains={toDomains(config.emulatorUrl)}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 200px)', gap: 8 }}>
        {config.videos.map((video) => (
          <PrivateThumbnail
            key={video.videoId}
            videoId={video.videoId}
            privateToken={video.privateToken}
            width={200}
            alt={video.videoId}
            onLoad={() => increment('thumbnailsLoaded')}
            onError={(error) => record.errors.push(`thumbnail ${video.videoId}: ${error.code}`)}
          />
        ))}
      </div>
    </PrivateVideoProvider>
  </StrictMode>,
);
