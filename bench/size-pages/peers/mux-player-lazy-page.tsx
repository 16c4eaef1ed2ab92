// Mux's lazy entry: a placeholder first, the player as a lazy chunk once it nears the viewport.
import MuxPlayer from '@mux/mux-player-react/lazy';
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(
  <MuxPlayer playbackId="playback-id" tokens={{ playback: 'jwt', thumbnail: 'jwt' }} />,
);
