// api.video's React player of a private video (an iframe of embed.api.video: its contents are not counted).
import ApiVideoPlayer from '@api.video/react-player';
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(
  <ApiVideoPlayer
    video={{ id: 'vi4blUQJFrYWbaG44NChkH27', token: '8fd70443-d9f0-45b2-b3e7-ec4b9e9f8d0e' }}
  />,
);
