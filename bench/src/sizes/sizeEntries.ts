import { sizePagesDir } from '../paths';

export interface SizeEntry {
  id: string;
  /** Whose code it is, for the side-by-side table. */
  library: 'private-video' | 'React' | '@mux/mux-player-react' | '@api.video/react-player';
  name: string;
  entry: string;
  /** Not counted: provided by the app (React) or measured on their own row (core). */
  notCounted: string[];
  /** The package that must be installed to build this entry (peers are optional). */
  requires?: string;
  /** What the row leaves out that a reader would take it to include: printed under the table, marked on the row. */
  note?: string;
}

/** "Over React": React and ReactDOM are the app's, and measured once on their own row. */
const react = ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime'];

export const sizeEntries: SizeEntry[] = [
  {
    id: 'react-baseline',
    library: 'React',
    name: 'React + ReactDOM (baseline, not counted below)',
    entry: 'react-baseline.tsx',
    notCounted: [],
  },
  {
    id: 'core-session',
    library: 'private-video',
    name: 'core: sessions + signing { SessionClient, toVideoRef }',
    entry: 'core-session.ts',
    notCounted: [],
  },
  {
    id: 'core-full',
    library: 'private-video',
    name: 'core: whole index (with the playback controller)',
    entry: 'core-full.ts',
    notCounted: [],
  },
  {
    id: 'react-own',
    library: 'private-video',
    name: 'react: all of its own exports (without React, core, engines)',
    entry: 'react-own.ts',
    notCounted: [...react, '@private-video/core'],
  },
  {
    id: 'thumbnail-page',
    library: 'private-video',
    name: 'page: thumbnail only (over React)',
    entry: 'thumbnail-page.tsx',
    notCounted: react,
  },
  {
    id: 'player-page',
    library: 'private-video',
    name: 'page: player (over React)',
    entry: 'player-page.tsx',
    notCounted: react,
  },
  {
    id: 'mux-player-page',
    library: '@mux/mux-player-react',
    name: 'page: player (over React)',
    entry: 'peers/mux-player-page.tsx',
    notCounted: react,
    requires: '@mux/mux-player-react',
  },
  {
    id: 'mux-player-lazy-page',
    library: '@mux/mux-player-react',
    name: 'page: player via /lazy (over React)',
    entry: 'peers/mux-player-lazy-page.tsx',
    notCounted: react,
    requires: '@mux/mux-player-react',
  },
  {
    id: 'apivideo-player-page',
    library: '@api.video/react-player',
    name: 'page: player, its iframe wrapper only (over React)',
    entry: 'peers/apivideo-player-page.tsx',
    notCounted: react,
    requires: '@api.video/react-player',
    note:
      '`@api.video/react-player` is measured without its player: only the React component that renders an ' +
      'iframe of embed.api.video is in the bundle, not the player the iframe then loads (its page, script and HLS ' +
      'engine). Do not compare it with the player pages above, which include theirs.',
  },
].map((entry) => ({ ...entry, entry: `${sizePagesDir}/${entry.entry}` }) as SizeEntry);
