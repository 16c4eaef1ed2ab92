// A page with a thumbnail-postered player of a private video; the engine (hls.js by default) is a lazy chunk.
import { PrivateVideoPlayer } from '@private-video/react';
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(
  <PrivateVideoPlayer
    videoId="vi4blUQJFrYWbaG44NChkH27"
    privateToken="8fd70443-d9f0-45b2-b3e7-ec4b9e9f8d0e"
    controls
  />,
);
