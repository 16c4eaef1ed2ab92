// The app's Next.js config, as the react README gives it. run.sh builds the app twice, with Turbopack (Next's
// default) and with webpack (`next build --webpack`), each into its own `NEXT_DIST_DIR`.
import { dirname } from 'node:path';

// The smoke test's project (one folder up) holds node_modules and the lockfile.
const root = dirname(import.meta.dirname);

export default {
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  experimental: { optimizePackageImports: ['@private-video/react'] },
  turbopack: { root },
  outputFileTracingRoot: root,
};
