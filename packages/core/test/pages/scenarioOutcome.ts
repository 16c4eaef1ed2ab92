import type { LogEntry } from '@private-video/emulator/control';

/** What one scenario of the page ended with, sent to the Node test that asserts on it. */
export interface ScenarioOutcome {
  name: string;
  /** Whether it reached its goal before its deadline (`error` says why not). */
  reached: boolean;
  error?: string | undefined;
  /** The controller's state and source at the end. */
  state: string;
  source: string | undefined;
  /** The typed error's code, when the controller failed. */
  code?: string | undefined;
  /** The controller's events, in order (`fallback`, `sessionrenewed`, `error`). */
  events: string[];
  currentTime: number;
  /** The private tokens it used: the first one, then the renewals'. */
  tokens: string[];
  /** The emulator's log of its delivery requests (the page resets the emulator between scenarios). */
  requests: Array<Pick<LogEntry, 'kind' | 'status' | 'avh' | 'privateToken' | 'rule'>>;
}

/** The page's report: every scenario's outcome, and what the page itself threw or left unhandled. */
export interface PageReport {
  userAgent: string;
  outcomes: ScenarioOutcome[];
  pageErrors: string[];
}
