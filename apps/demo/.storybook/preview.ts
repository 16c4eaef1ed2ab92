import type { Preview } from '@storybook/react-vite';
import 'video.js/dist/video-js.css';
import '../src/styles.css';

const preview: Preview = {
  parameters: {
    // Each scenario draws its own full-canvas frame.
    layout: 'fullscreen',
    controls: { expanded: true, sort: 'none' },
    options: {
      storySort: { order: ['Players', 'Thumbnails', 'Resilience', 'Delivery'] },
    },
  },
};

export default preview;
