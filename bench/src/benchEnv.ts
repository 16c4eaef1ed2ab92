import type { Emulator } from '@private-video/emulator';
import type { Browser } from 'playwright-core';

/** What every scenario runs against: one Chromium, one emulator, the server of the built pages. */
export interface BenchEnv {
  browser: Browser;
  emulator: Emulator;
  /** Origin of the static server (`/{variant}/{page}.html`). */
  pagesUrl: string;
}
