import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Emulator, startEmulator } from '@private-video/emulator';
import { type Browser, chromium, type Frame, type Page } from 'playwright-core';
import { type PreviewServer, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium';
import { storybookWaivers, violations } from './axe';
import { buildStorybook, demoDir } from './buildStorybook';
import { type StoryIndex, storyFiles, storyIdOf } from './stories';
import { storyChecks } from './storyChecks';

/** `UPDATE_SCREENSHOTS=1` rewrites the README's screenshots from this run. */
const updateScreenshots = process.env.UPDATE_SCREENSHOTS === '1';
const screenshotDir = fileURLToPath(new URL('../screenshots', import.meta.url));
const viewport = { width: 1200, height: 800 };

/** Chromium reports each refused request as a console error; only stories that refuse on purpose allow them. */
const refusal = /^Failed to load resource: the server responded with a status of (404|503)/;

let emulator: Emulator;
let outDir: string;
let server: PreviewServer;
let baseUrl: string;
let index: StoryIndex;
let browser: Browser;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, control: true });
  outDir = await mkdtemp(join(tmpdir(), 'demo-smoke-'));
  await buildStorybook(outDir, emulator.url);
  server = await preview({
    root: demoDir,
    configFile: false,
    logLevel: 'silent',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0 },
  });
  baseUrl = server.resolvedUrls!.local[0]!;
  index = (await (await fetch(new URL('index.json', baseUrl))).json()) as StoryIndex;
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await emulator?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

/** Collects uncaught exceptions and console errors of a page (and its story iframe). */
function watchErrors(page: Page, allowRefusals: boolean): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (allowRefusals && refusal.test(message.text())) return;
    problems.push(`console.error: ${message.text()} ${JSON.stringify(message.location())}`);
  });
  return problems;
}

/** The scenario frame has started (tokens minted) and its log shows at least one request. */
async function waitForScenario(frame: Frame) {
  await frame.locator('[data-scenario-status="ready"]').waitFor({ timeout: 20_000 });
  await frame.locator('.pv-log tbody tr').first().waitFor({ timeout: 20_000 });
}

const lastSeq = () => emulator.log().at(-1)?.seq ?? 0;

describe.each(storyFiles)('%s', (file) => {
  const check = storyChecks[file];

  it('has a check in storyChecks', () => {
    expect(check, `add ${file} to test/storyChecks.ts`).toBeDefined();
  });

  it(`renders its scenario and request log with no page or console errors, and ${check?.name ?? '…'}`, async () => {
    const id = storyIdOf(index, file);
    const page = await browser.newPage({ viewport });
    try {
      const problems = watchErrors(page, check?.expectsRefusals ?? false);
      const since = lastSeq();
      await page.goto(`${baseUrl}iframe.html?id=${id}&viewMode=story`);
      await waitForScenario(page.mainFrame());
      await check?.run(page.mainFrame(), { emulator, since });
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it.runIf(updateScreenshots && check?.screenshot)('screenshot in the full Storybook UI', async () => {
    const page = await browser.newPage({ viewport });
    try {
      const since = lastSeq();
      await page.goto(`${baseUrl}?path=/story/${storyIdOf(index, file)}`);
      const frame = await storyFrame(page);
      await waitForScenario(frame);
      let taken = false;
      const screenshot = async () => {
        // The log polls every 500 ms: the picture waits until it shows what the check has just seen (the
        // mp4 the fallback moved to, say), not the state of one poll earlier.
        await frame.waitForFunction(
          (seq) =>
            [...document.querySelectorAll('.pv-log tbody tr')].some(
              (row) => Number(row.getAttribute('data-seq')) >= seq,
            ),
          lastSeq(),
          { timeout: 20_000 },
        );
        await page.screenshot({ path: join(screenshotDir, check!.screenshot!) });
        taken = true;
      };
      await check!.run(frame, { emulator, since, screenshot });
      if (!taken) await screenshot();
    } finally {
      await page.close();
    }
  });
});

describe('HlsFallback.stories.tsx, a stale fault', () => {
  it('is already gone when the story removes it (another cleanup won the race): the fault still goes in and the player falls back', async () => {
    const page = await browser.newPage({ viewport });
    try {
      const problems = watchErrors(page, true);
      // The emulator lists a fault on the story's video that is gone by the time it is deleted (404).
      await page.route(/\/__emulator\/faults$/, async (route) => {
        if (route.request().method() !== 'GET') return route.continue();
        const response = await route.fetch();
        const faults = [...(await response.json()), { id: 'fault-gone', match: { videoId: 'viPrivateTs2' } }];
        await route.fulfill({ response, json: faults });
      });
      await page.goto(
        `${baseUrl}iframe.html?id=${storyIdOf(index, 'HlsFallback.stories.tsx')}&viewMode=story`,
      );
      await page.locator('.pv-status-line', { hasText: 'HLS → mp4 at' }).waitFor({ timeout: 20_000 });
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('the request log', () => {
  it('polls only what is new: after one full read at the story’s start, every poll asks for the entries since the last one it read', async () => {
    const page = await browser.newPage({ viewport });
    try {
      const isLogRead = (url: URL) => url.pathname === '/__emulator/log';
      const reads: URL[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (request.method() === 'GET' && isLogRead(url)) reads.push(url);
      });
      await page.goto(`${baseUrl}iframe.html?id=${storyIdOf(index, 'Thumbnail.stories.tsx')}&viewMode=story`);
      await waitForScenario(page.mainFrame());
      // Everything logged by now, for this story or not: the log's cursor must get past all of it.
      const target = lastSeq();
      await page.waitForRequest(
        (request) => {
          const url = new URL(request.url());
          return isLogRead(url) && Number(url.searchParams.get('since')) >= target;
        },
        { timeout: 20_000 },
      );
      const [start, ...polls] = reads;
      // The story's start reads where the log stands (`lastLoggedSeq`); the polls read only what follows.
      expect(start?.search).toBe('');
      expect(polls.length).toBeGreaterThan(0);
      const cursors = polls.map((url) => url.searchParams.get('since') ?? 'none');
      expect(cursors.filter((since) => !/^\d+$/.test(since))).toEqual([]);
      const numbers = cursors.map(Number);
      expect(numbers).toEqual(numbers.toSorted((a, b) => a - b));
    } finally {
      await page.close();
    }
  });
});

describe('the request log, the emulator out of reach', () => {
  it('greys its live dot and says so, polls less and less often while refused, and is live again at its pace once answered', async () => {
    const page = await browser.newPage({ viewport });
    try {
      // The polls (`?since=`), refused as a stopped emulator would while `refusing`.
      let refusing = false;
      const polls: { at: number; refused: boolean }[] = [];
      await page.route(/\/__emulator\/log\?since=/, (route) => {
        polls.push({ at: Date.now(), refused: refusing });
        return refusing ? route.abort('connectionrefused') : route.continue();
      });
      await page.goto(`${baseUrl}iframe.html?id=${storyIdOf(index, 'Thumbnail.stories.tsx')}&viewMode=story`);
      const frame = page.mainFrame();
      await waitForScenario(frame);
      const dot = frame.locator('.pv-live-dot');
      expect(await dot.getAttribute('data-live')).toBe('true');

      refusing = true;
      const refused = () => polls.filter((poll) => poll.refused).map((poll) => poll.at);
      await expect.poll(() => refused().length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
      expect(await dot.getAttribute('data-live')).toBe('false');
      expect(await frame.locator('.pv-log__header small').textContent()).toBe(
        'emulator unreachable, retrying',
      );
      expect(await frame.locator('.pv-log__error').textContent()).toMatch(/^Emulator unreachable: /);
      // 500 ms, then twice as long after each refusal: 1 s, then 2 s.
      const [first, second, third] = refused() as [number, number, number];
      expect(second - first).toBeGreaterThanOrEqual(900);
      expect(third - second).toBeGreaterThanOrEqual(1_900);

      refusing = false;
      await expect.poll(() => dot.getAttribute('data-live'), { timeout: 10_000 }).toBe('true');
      expect(await frame.locator('.pv-log__error').count()).toBe(0);
      // Answered: back to one poll every 500 ms.
      const answeredAfter = () =>
        polls.filter((poll) => !poll.refused && poll.at > third).map((poll) => poll.at);
      await expect.poll(() => answeredAfter().length, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
      const [back, next] = answeredAfter() as [number, number];
      expect(next - back).toBeLessThan(900);
    } finally {
      await page.close();
    }
  });
});

describe('the request log, a request the emulator never answered', () => {
  it('shows it (a hang fault, logged with status 0 once its client gave up) as "no answer": a dash said as words, a tooltip, the legend, the counts', async () => {
    const page = await browser.newPage({ viewport });
    // A hang on a token of the story's video that the story itself never uses.
    const minted = emulator.mintToken('viPrivateTs');
    const { id } = emulator.addFault({ match: { path: minted.privateToken, kind: 'session' }, hang: true });
    try {
      await page.goto(`${baseUrl}iframe.html?id=${storyIdOf(index, 'Thumbnail.stories.tsx')}&viewMode=story`);
      const frame = page.mainFrame();
      await waitForScenario(frame);
      const giveUp = new AbortController();
      const request = fetch(minted.urls.session, { signal: giveUp.signal }).catch((error: unknown) => error);
      // Held by the emulator: now the client gives up, and the emulator logs the request it never answered.
      await expect.poll(() => emulator.faults().find((fault) => fault.id === id)?.served).toBe(1);
      giveUp.abort();
      expect(await request).toMatchObject({ name: 'AbortError' });

      const row = frame.locator('.pv-log tbody tr[data-status="0"]');
      await row.waitFor({ timeout: 20_000 });
      const status = row.locator('.pv-status');
      expect(await status.locator('[aria-hidden="true"]').textContent()).toBe('—');
      expect(await status.locator('.pv-sr-only').textContent()).toBe('no answer');
      expect(await status.getAttribute('title')).toMatch(
        /^rule: fault-hang\. No answer: a hang fault held the request until its client gave up\./,
      );
      expect(await frame.locator('.pv-log__legend').textContent()).toContain(
        '— no answer: a hang fault held the request until its client gave up. Hover',
      );
      expect(await frame.getByTestId('log-summary').textContent()).toContain('no answer1');
      await expect
        .poll(() => frame.getByTestId('log-announcement').textContent(), { timeout: 20_000 })
        .toMatch(/, 1 never answered\.$/);
    } finally {
      emulator.removeFault(id);
      await page.close();
    }
  });
});

describe('the request log, to keyboard and screen reader users', () => {
  it('announces what its story is about (sessions, refusals, the fallback) in polite status regions, not each request', async () => {
    const page = await browser.newPage({ viewport });
    try {
      await page.goto(
        `${baseUrl}iframe.html?id=${storyIdOf(index, 'HlsFallback.stories.tsx')}&viewMode=story`,
      );
      const frame = page.mainFrame();
      await frame.locator('.pv-status-line', { hasText: 'HLS → mp4 at' }).waitFor({ timeout: 20_000 });
      const statuses = frame.getByRole('status');
      await expect
        .poll(() => statuses.allTextContents(), { timeout: 20_000 })
        .toEqual(
          expect.arrayContaining([
            expect.stringContaining('HLS → mp4 at'),
            expect.stringMatching(/^1 \/session request, \d+ refused\.$/),
          ]),
        );
      // The table gains a row per request: it is in no live region, or it would speak all the time.
      const inLiveRegion = await frame
        .locator('.pv-log table')
        .evaluate((table) => !!table.closest('[aria-live], [role="status"], [role="log"], [role="alert"]'));
      expect(inLiveRegion).toBe(false);
    } finally {
      await page.close();
    }
  });

  it('makes the log and the stage Tab stops while their content overflows them, and only then', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
    try {
      await page.goto(
        `${baseUrl}iframe.html?id=${storyIdOf(index, 'ThumbnailGrid.stories.tsx')}&viewMode=story`,
      );
      const frame = page.mainFrame();
      await waitForScenario(frame);
      // All in: twelve thumbnails, and their 24 requests (a /session and an image each) in the log.
      await expect.poll(() => frame.locator('.pv-log tbody tr').count(), { timeout: 20_000 }).toBe(24);
      const tabIndexes = () =>
        frame.evaluate(() =>
          ['.pv-stage', '.pv-log__body'].map((selector) =>
            document.querySelector(selector)?.getAttribute('tabindex'),
          ),
        );
      // Everything fits: nothing to scroll, no stop that would do nothing.
      expect(await tabIndexes()).toEqual([null, null]);
      await page.setViewportSize({ width: 1200, height: 300 });
      await expect.poll(tabIndexes, { timeout: 5_000 }).toEqual(['0', '0']);
      // And the keyboard gets there: Tab from the story's title reaches the log's scroll area.
      await frame.locator('.pv-scenario__header h1').click();
      await expect
        .poll(async () => {
          await page.keyboard.press('Tab');
          return frame.evaluate(() => document.activeElement?.classList.contains('pv-log__body'));
        })
        .toBe(true);
    } finally {
      await page.close();
    }
  });
});

describe('accessibility: axe-core, WCAG 2.0–2.2 A and AA and best practices, in the full Storybook UI', () => {
  // One manager page for every story, opened from the story list as a user would: Storybook keeps its
  // iframe and swaps the story in it.
  let page: Page;
  beforeAll(async () => {
    page = await browser.newPage({ viewport });
    await page.goto(baseUrl);
    await waitForScenario(await storyFrame(page));
  });
  afterAll(async () => {
    await page?.close();
  });

  it.each(storyFiles)(
    '%s, opened from the story list: no violations in the Storybook UI or the story',
    async (file) => {
      const frame = await openFromStoryList(page, storyIdOf(index, file));
      await settled(frame);
      expect(await violations(page.mainFrame(), storybookWaivers)).toEqual([]);
      expect(await violations(frame)).toEqual([]);
    },
  );

  it('the story list works from the keyboard: Tab reaches it, the arrow keys move an outlined highlight, Enter opens that story', async () => {
    await page.goto(`${baseUrl}?path=/story/${storyIdOf(index, 'PlayerHlsJs.stories.tsx')}`);
    const frame = await storyFrame(page);
    await waitForScenario(frame);
    await expect
      .poll(async () => {
        await page.keyboard.press('Tab');
        return page.evaluate(() => document.activeElement?.id);
      })
      .toBe('storybook-explorer-menu');
    await page.keyboard.press('ArrowDown');
    // From the open story (hls.js) to the next one in the list.
    const highlighted = storyIdOf(index, 'PlayerVideojs.stories.tsx');
    await expect
      .poll(() => page.locator('#storybook-explorer-tree').getAttribute('data-highlighted-item-id'))
      .toBe(highlighted);
    const outline = await page
      .locator(`#storybook-explorer-tree [data-item-id="${highlighted}"]`)
      .evaluate((item) => {
        const style = getComputedStyle(item);
        return `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`;
      });
    expect(outline).toBe('solid 2px rgb(139, 123, 255)');
    await markLeft(frame);
    await page.keyboard.press('Enter');
    await newScenario(frame);
    expect(new URL(page.url()).searchParams.get('path')).toBe(`/story/${highlighted}`);
  });

  it('offers only controls that work in the story: the live stream none but latency, the fallback hls.js and video.js; no empty panels', async () => {
    const controls = () =>
      page
        .locator('[id^="control-"]')
        .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    await openFromStoryList(page, storyIdOf(index, 'PrivateLive.stories.tsx'));
    await expect.poll(controls).toEqual(['0']);
    await openFromStoryList(page, storyIdOf(index, 'HlsFallback.stories.tsx'));
    await expect
      .poll(() =>
        page
          .locator('[id^="control-engine-"]')
          .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value)),
      )
      .toEqual(['hls.js', 'video.js']);
    // No story logs actions or runs a play function: those tabs would always be empty.
    expect(await page.getByRole('tab').allTextContents()).toEqual([expect.stringMatching(/^Controls/)]);
  });
});

/** The console warnings `page` logs from now on. */
function watchWarnings(page: Page): string[] {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  return warnings;
}

describe('the Storybook manager', () => {
  it('opens a story with no console error, and no deprecation warning about the demo’s own config', async () => {
    const page = await browser.newPage({ viewport });
    try {
      const problems = watchErrors(page, false);
      const warnings = watchWarnings(page);
      await page.goto(`${baseUrl}?path=/story/${storyIdOf(index, 'Thumbnail.stories.tsx')}`);
      await waitForScenario(await storyFrame(page));
      // The theme (set in the same `setConfig` call) is applied once the config has been read.
      await page.getByText('private-video · live scenarios').first().waitFor();
      expect(problems).toEqual([]);
      expect(warnings.filter((text) => /setConfig|deprecated/i.test(text))).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('the Storybook manager, its story list and URL', () => {
  it('opens on the main story, the private hls.js player, and lists the stories in the README’s order', async () => {
    const page = await browser.newPage({ viewport });
    try {
      await page.goto(baseUrl);
      await waitForScenario(await storyFrame(page));
      expect(new URL(page.url()).searchParams.get('path')).toBe(
        `/story/${storyIdOf(index, 'PlayerHlsJs.stories.tsx')}`,
      );
      const listed = await page
        .locator('#storybook-explorer-tree [data-item-id*="--"]')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-item-id')));
      expect(listed).toEqual(await readmeStoryIds());
    } finally {
      await page.close();
    }
  });

  it('keeps the engine chosen in Controls in the URL (a key without a dot), and plays that engine after a reload', async () => {
    const page = await browser.newPage({ viewport });
    try {
      const problems = watchErrors(page, false);
      const warnings = watchWarnings(page);
      await page.goto(`${baseUrl}?path=/story/${storyIdOf(index, 'PlayerHlsJs.stories.tsx')}`);
      let frame = await storyFrame(page);
      await waitForScenario(frame);
      // The Controls panel gives each default (react-docgen is off: Storybook cannot know them).
      const engineRow = page.locator('tr', { hasText: 'Who plays the HLS stream' });
      expect(await engineRow.locator('td').nth(2).textContent()).toBe('hls.js');
      await markLeft(frame);
      await page.locator('label', { hasText: /^video\.js$/ }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('args')).toBe('engine:videojs');
      await frame.locator('.pv-tags li', { hasText: 'video.js' }).waitFor({ timeout: 20_000 });

      await page.reload();
      frame = await storyFrame(page);
      await waitForScenario(frame);
      expect(await frame.locator('.pv-tags li').first().textContent()).toBe('video.js');
      await frame.locator('[data-private-video-player="video.js"]').waitFor({ timeout: 20_000 });
      // The control shows the engine's name; the URL and the arg hold its key.
      expect(await page.locator('[id^="control-engine-"]:checked').inputValue()).toBe('video.js');
      expect(warnings.filter((text) => text.includes('Omitted potentially unsafe URL args'))).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

/** The stories of the README's table (`| **Group / Name** |`), in its order, as Storybook ids. */
async function readmeStoryIds(): Promise<string[]> {
  const readme = await readFile(join(demoDir, 'README.md'), 'utf8');
  const titles = [...readme.matchAll(/^\| \*\*(.+?) \/ (.+?)\*\* \|/gm)].map(
    ([, group, name]) => `${group}/${name}`,
  );
  expect(titles.length).toBe(storyFiles.length);
  return titles.map((title) => {
    const entry = Object.values(index.entries).find(
      (candidate) => candidate.type === 'story' && candidate.title === title,
    );
    if (!entry) throw new Error(`the README's story ${title} is not in the built Storybook's index`);
    return entry.id;
  });
}

/** Marks the story on screen, so a wait can tell the next one from it (Storybook keeps the iframe). */
async function markLeft(frame: Frame) {
  await frame.evaluate(() => document.querySelector('.pv-scenario')?.setAttribute('data-left', ''));
}

/** A story other than the one marked by `markLeft` has started. */
async function newScenario(frame: Frame) {
  await frame
    .locator('.pv-scenario:not([data-left])[data-scenario-status="ready"]')
    .waitFor({ timeout: 20_000 });
}

/** Opens a story from the sidebar of the manager page, as a click would; resolves once it has started. */
async function openFromStoryList(page: Page, id: string): Promise<Frame> {
  const frame = await storyFrame(page);
  if (new URL(page.url()).searchParams.get('path') !== `/story/${id}`) {
    await markLeft(frame);
    await page.locator(`#storybook-explorer-tree [data-item-id="${id}"] a`).click();
  }
  await newScenario(frame);
  return frame;
}

/** The story shows what it will keep showing: requests in its log, and its players past their start. */
async function settled(frame: Frame) {
  await frame.locator('.pv-log tbody tr').first().waitFor({ timeout: 20_000 });
  await frame.waitForFunction(
    () =>
      [...document.querySelectorAll('[data-player-state]')].every(
        (line) =>
          !['idle', 'opening-session', 'loading'].includes(line.getAttribute('data-player-state') ?? ''),
      ),
    null,
    { timeout: 20_000 },
  );
}

/** The manager page's story iframe, once it has loaded the story. */
async function storyFrame(page: Page): Promise<Frame> {
  const element = await page.waitForSelector('#storybook-preview-iframe');
  const frame = await element.contentFrame();
  if (!frame) throw new Error('the story iframe has no frame');
  return frame;
}
