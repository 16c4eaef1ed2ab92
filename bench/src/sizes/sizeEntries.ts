import { sizePagesDir } from '../paths';

export interface SizeEntry {
  id: string;
  /** Whose code it is, for the side-by-side table. */
  library: 'private-video' | 'React' | '@mux/mux-player-react' | '@api.video/react-player';
  name: string;
  entry: string;
  /** Not counted: provided by the app (React) or measured on their own row (core, engines). */
  external: string[];
  /** The package that must be installed to build this entry (peers are optional). */
  requires?: string;
}

/** "Over React": React and ReactDOM are the app's, and measured once on their own row. */
const react = ['react', 'react-dom'];

export const sizeEntries: SizeEntry[] = [
  {
    id: 'react-baseline',
    library: 'React',
    name: 'React + ReactDOM (baseline, not counted below)',
    entry: 'react-baseline.tsx',
    external: [],
  },
  {
    id: 'core-session',
    library: 'private-video',
    name: 'core: sessions + signing { SessionClient, toVideoRef }',
    entry: 'core-session.ts',
    external: [],
  },
  {
    id: 'core-full',
    library: 'private-video',
    name: 'core: whole index (with the playback controller)',
    entry: 'core-full.ts',
    external: [],
  },
  {
    id: 'react-all',
    library: 'private-video',
    name: 'react: whole index (without React, core, engines)',
    // The package's entry itself, not a page that re-exports it: see `reactIndex` in `.size-limit.ts`.
    entry: '../../packages/react/src/index.ts',
    external: [...react, '@private-video/core'],
  },
  {
    id: 'thumbnail-page',
    library: 'private-video',
    name: 'page: thumbnail only (over React)',
    entry: 'thumbnail-page.tsx',
    external: react,
  },
  {
    id: 'player-page',
    library: 'private-video',
    name: 'page: player (over React)',
    entry: 'player-page.tsx',
    external: react,
  },
  {
    id: 'mux-player-page',
    library: '@mux/mux-player-react',
    name: 'page: player (over React)',
    entry: 'peers/mux-player-page.tsx',
    external: react,
    requires: '@mux/mux-player-react',
  },
  {
    id: 'mux-player-lazy-page',
    library: '@mux/mux-player-react',
    name: 'page: player via /lazy (over React)',
    entry: 'peers/mux-player-lazy-page.tsx',
    external: react,
    requires: '@mux/mux-player-react',
  },
  {
    id: 'apivideo-player-page',
    library: '@api.video/react-player',
    name: 'page: player (over React; the iframe is not counted)',
    entry: 'peers/apivideo-player-page.tsx',
    external: react,
    requires: '@api.video/react-player',
  },
].map((entry) => ({ ...entry, entry: `${sizePagesDir}/${entry.entry}` }) as SizeEntry);
