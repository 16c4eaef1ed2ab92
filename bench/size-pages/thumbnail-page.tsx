// A page that shows a private video's thumbnail and nothing else (no player is ever loaded).
import { PrivateThumbnail } from '@private-video/react';
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(
  <PrivateThumbnail
    videoId="vi4blUQJFrYWbaG44NChkH27"
    privateToken="8fd70443-d9f0-45b2-b3e7-ec4b9e9f8d0e"
    alt=""
  />,
);
