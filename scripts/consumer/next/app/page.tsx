// A Server Component that renders the components as they are (each is a client component): a thumbnail and an
// hls.js player of one video, on the session the server opened.
import { PrivateThumbnail, PrivateVideoPlayer } from '@private-video/react';
import { privateVideo } from './privateVideo';

// One viewer's page: its private token and session must not be cached or prerendered (see the react README).
export const dynamic = 'force-dynamic';

export default async function PlayerPage() {
  const { source, session } = await privateVideo('viPrivateTs');
  return (
    <main>
      <PrivateThumbnail video={source} session={session} alt="Intro" width={320} />
      <PrivateVideoPlayer
        video={source}
        session={session}
        engine="hls.js"
        controls
        muted
        autoPlay
        playsInline
        width={400}
      />
    </main>
  );
}
