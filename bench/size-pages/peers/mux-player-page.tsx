// Mux's React player of a signed playback id, imported eagerly (everything in the entry).
import MuxPlayer from '@mux/mux-player-react';
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(
  <MuxPlayer playbackId="playback-id" tokens={{ playback: 'jwt', thumbnail: 'jwt' }} />,
);
