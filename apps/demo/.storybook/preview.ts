import type { Preview } from '@storybook/react-vite';
import 'video.js/dist/video-js.css';
import '../src/styles.css';

const preview: Preview = {
  parameters: {
    // Each scenario draws its own full-canvas frame.
    layout: 'fullscreen',
    controls: { expanded: true, sort: 'none' },
    options: {
      // The README's table, in its order: the main private hls.js player first, which is also the story
      // the demo opens on (Storybook opens the first story of the list when the URL names none). Literals
      // only: Storybook reads this object from the file's source to sort its index.
      storySort: {
        order: [
          'Players',
          [
            'Private player (hls.js)',
            'Private player (video.js)',
            'Private live stream',
            'Public video',
            'Video fetched again',
            'Playlist',
          ],
          'Thumbnails',
          ['Clickable thumbnail', 'Private thumbnail', 'Grid of private thumbnails'],
          'Resilience',
          ['HLS → mp4 fallback', 'Expiry and renewal', 'Used or unknown token'],
          'Delivery',
          ['Custom delivery domain'],
        ],
      },
    },
  },
};

export default preview;
