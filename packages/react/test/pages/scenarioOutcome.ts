import type { LogEntry } from '@private-video/emulator/control';

/** What the page saw during a scenario (each scenario fills what it checks; see `page.tsx`). */
export interface ScenarioFacts {
  /** Each thumbnail `<img>`'s `naturalWidth` once it has loaded (0: loaded without pixels). */
  thumbnails?: number[];
  /**
   * The page's resource entries that are an engine's modules (hls.js, video.js, core's engine adapters,
   * React's video.js glue), when the thumbnails had painted or the player had played.
   */
  engineResources?: string[];
  /** Each alert on the page: `player` or `thumbnail`, its `data-private-video-error`, and its buttons. */
  alerts?: string[];
  /** The `<video>` elements in the scenario's page at the end (a StrictMode remount must leave one). */
  videos?: number;
  /** The player's `data-private-video-player` (which engine's markup it rendered). */
  player?: string | null;
  /** Where the `<video>` that played was when the scenario reached its goal. */
  currentTime?: number;
  /** "Try again": where the retried video was at its first `playing`, and whether it was in the page. */
  resumedAt?: number;
  resumedConnected?: boolean;
  /** When the scenario missed its goal: each `<video>`, `<img>` and alert of the page as they were then. */
  missed?: string[];
}

/** What one scenario of the page ended with, sent to the Node test that asserts on it. */
export interface ScenarioOutcome {
  name: string;
  /** Whether it reached its goal before its deadline (`error` says why not). */
  reached: boolean;
  error?: string | undefined;
  /**
   * The components' callbacks and the page's clicks, in order, e.g. `player fallback: hls → mp4`,
   * `thumbnail error: token-used`, `Try again`.
   */
  events: string[];
  facts: ScenarioFacts;
  /** The private tokens it minted, in order. */
  tokens: string[];
  /** The emulator's log of every delivery request made during the scenario (reset before each). */
  requests: Array<Pick<LogEntry, 'kind' | 'status' | 'avh' | 'videoId' | 'privateToken' | 'rule'>>;
}

/** The page's report: every scenario's outcome, and what the page itself threw or left unhandled. */
export interface PageReport {
  userAgent: string;
  /** React's version, as the page rendered with it. */
  react: string;
  outcomes: ScenarioOutcome[];
  pageErrors: string[];
}
