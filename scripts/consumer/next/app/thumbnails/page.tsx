// A page of thumbnails only: it should load no player code (see smoke.mjs).
import { PrivateThumbnail } from '@private-video/react';
import { privateVideo } from '../privateVideo';

export const dynamic = 'force-dynamic';

export default async function ThumbnailsPage() {
  const { source, session } = await privateVideo('viPrivateTs');
  return <PrivateThumbnail video={source} session={session} alt="Intro" width={320} />;
}
