import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

/** The repo's custom condition (tsconfig.base.json): `@private-video/*` resolve to their TypeScript sources. */
const sourceCondition = '@private-video/source';

/**
 * Read by Storybook's Vite builder (and by `vite preview` for the static build). Thanks to the source
 * condition the demo needs no package build.
 */
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: [sourceCondition, ...defaultClientConditions] },
  // Pre-bundled at start, so opening a story never makes the dev server reload the page mid-play.
  optimizeDeps: { include: ['hls.js', 'video.js', 'react', 'react-dom', 'react-dom/client'] },
  preview: { host: '127.0.0.1' },
});
