import type { Emulator, LogEntry } from '@private-video/emulator';
import type { Frame } from 'playwright-core';
import { expect } from 'vitest';
import { updateArgs } from './updateArgs';

export interface CheckContext {
  emulator: Emulator;
  /** The emulator's last sequence number before the story was opened. */
  since: number;
  /**
   * Takes the README's screenshot now, when the screenshot test runs the check (otherwise absent): for a
   * check whose most telling moment is not its end. Without a call, the picture is taken at the end.
   */
  screenshot?: () => Promise<void>;
}

export interface StoryCheck {
  /** What the check proves, used in the test's name. */
  name: string;
  /** Whether the story makes the emulator refuse requests on purpose (Chromium logs each as an error). */
  expectsRefusals?: boolean;
  /** Whether this story appears in the README. */
  screenshot?: string;
  run(frame: Frame, context: CheckContext): Promise<void>;
}

const timeout = 20_000;

/** Requests for `videoId` since the story opened. */
function requests({ emulator, since }: CheckContext, videoId: string): LogEntry[] {
  return emulator.log().filter((entry) => entry.seq > since && entry.videoId === videoId);
}

function playsFor(frame: Frame, seconds: number) {
  // `played` rather than `currentTime`: a live stream starts far from 0.
  return frame.waitForFunction(
    (min) => {
      const video = document.querySelector('video');
      if (!video) return false;
      let total = 0;
      for (let i = 0; i < video.played.length; i++) total += video.played.end(i) - video.played.start(i);
      return total > min;
    },
    seconds,
    { timeout },
  );
}

/** Every private asset request carried `avh`, and only one `/session` opened them all. */
export function expectOneSignedSession(entries: LogEntry[]) {
  expect(entries.filter((entry) => entry.kind === 'session').map((entry) => entry.status)).toEqual([200]);
  const assets = entries.filter((entry) => entry.kind !== 'session');
  expect(assets.length).toBeGreaterThan(0);
  expect(assets.filter((entry) => !entry.avh)).toEqual([]);
  expect(new Set(assets.map((entry) => entry.query.avh)).size).toBe(1);
}

/** How many sessions signed asset requests that the delivery answered. */
function signingSessions(entries: LogEntry[]): number {
  const signed = entries.filter((entry) => entry.kind !== 'session' && entry.avh && entry.status < 400);
  return new Set(signed.map((entry) => entry.query.avh)).size;
}

/**
 * The player of `engine` has fallen back: its status line says so and its mp4 plays. Resolves with the
 * position the status line gives for the switch, in seconds.
 */
async function playsTheMp4After(frame: Frame, engine: string): Promise<number> {
  const line = frame.locator('.pv-status-line', { hasText: 'HLS → mp4 at' });
  await line.waitFor({ timeout });
  await frame.waitForFunction(
    (name) => {
      const player = document.querySelector(`[data-private-video-player="${name}"]`);
      const video = player instanceof HTMLVideoElement ? player : player?.querySelector('video');
      return !!video?.currentSrc.includes('/mp4/') && !video.paused && video.currentTime > 0;
    },
    engine,
    { timeout },
  );
  const position = /HLS → mp4 at ([\d.]+) s/.exec((await line.textContent()) ?? '')?.[1];
  return Number(position);
}

/** The `<video>`s of the story's players; video.js's newest last, while it replaces its player. */
const playerVideos = 'video[data-private-video-player], [data-private-video-player] video';

/** The newest player `<video>` plays, and has played more than `seconds` of its source. */
function newestPlays(frame: Frame, seconds: number) {
  return frame.waitForFunction(
    ({ selector, min }) => {
      const video = [...document.querySelectorAll<HTMLVideoElement>(selector)].at(-1);
      if (!video || video.paused) return false;
      let total = 0;
      for (let i = 0; i < video.played.length; i++) total += video.played.end(i) - video.played.start(i);
      return total > min;
    },
    { selector: playerVideos, min: seconds },
    { timeout },
  );
}

/** What the viewer set on the player's `<video>`, read back: its sound, and its rate. */
function sound(frame: Frame) {
  return frame
    .locator(playerVideos)
    .last()
    .evaluate((video: HTMLVideoElement) => ({
      muted: video.muted,
      volume: video.volume,
      rate: video.playbackRate,
    }));
}

/** What a viewer does with the player's controls: unmutes, lowers the volume, plays faster. */
function setSound(frame: Frame, volume: number) {
  return frame
    .locator(playerVideos)
    .last()
    .evaluate(
      (video: HTMLVideoElement, level) =>
        Object.assign(video, { muted: false, volume: level, playbackRate: 1.5 }),
      volume,
    );
}

/** What each story must show beyond rendering, by story file. */
export const storyChecks: Record<string, StoryCheck> = {
  'PlayerHlsJs.stories.tsx': {
    name: 'plays past 1 s with every manifest, key, init and segment request signed by one session',
    screenshot: 'player-hls-js.png',
    async run(frame, context) {
      await frame.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 1, null, {
        timeout,
      });
      const entries = requests(context, 'viPrivateFmp4');
      expectOneSignedSession(entries);
      const kinds = new Set(entries.map((entry) => entry.kind));
      for (const kind of ['manifest', 'playlist', 'init', 'key', 'segment']) expect(kinds).toContain(kind);
    },
  },
  'PlayerVideojs.stories.tsx': {
    name: 'plays past 1 s in video.js with every request signed by one session',
    async run(frame, context) {
      await frame.locator('.video-js').waitFor({ timeout });
      await playsFor(frame, 1);
      expectOneSignedSession(requests(context, 'viPrivateTs'));
    },
  },
  'ClickToPlay.stories.tsx': {
    name: 'opened from the keyboard, the player takes the focus and plays on the thumbnail session: one /session in all',
    screenshot: 'clickable-thumbnail.png',
    async run(frame, context) {
      const thumbnail = frame.getByRole('button', { name: 'Play the private video' });
      await thumbnail.locator('img').waitFor({ timeout });
      // As a keyboard user would: Tab until the thumbnail has the focus, then Enter. From the story's title,
      // clicked first: in the full Storybook UI the keyboard would otherwise start in the manager, dozens
      // of sidebar and toolbar stops before the story's frame.
      await frame.locator('.pv-scenario__header h1').click();
      await expect
        .poll(async () => {
          await frame.page().keyboard.press('Tab');
          return thumbnail.evaluate((element) => element === document.activeElement);
        })
        .toBe(true);
      await frame.page().keyboard.press('Enter');
      await playsFor(frame, 1);
      // The button is gone: the focus must move to the player, not fall back to the top of the page.
      expect(
        await frame.evaluate(() => !!document.activeElement?.closest('[data-private-video-player]')),
      ).toBe(true);
      const entries = requests(context, 'viPrivateTs');
      expectOneSignedSession(entries);
      expect(entries.map((entry) => entry.kind)).toContain('thumbnail');
      expect(entries.map((entry) => entry.kind)).toContain('segment');
    },
  },
  'FetchedAgain.stories.tsx': {
    name: 'plays on through two fetches of the video object (two new private tokens), in its one session',
    async run(frame, context) {
      await playsFor(frame, 1);
      const fetches = frame.getByTestId('fetches');
      const fetchAgain = frame.getByRole('button', { name: 'Fetch the video again' });
      for (const count of ['2', '3']) {
        await fetchAgain.click();
        await expect.poll(() => fetches.textContent(), { timeout }).toBe(count);
      }
      const given = await frame.getByTestId('token-given').getAttribute('title');
      await playsFor(frame, 2.5);
      const video = frame.locator('[data-private-video-player] video, video[data-private-video-player]');
      expect(await video.evaluate((element: HTMLVideoElement) => element.paused)).toBe(false);
      const entries = requests(context, 'viPrivateTs');
      expectOneSignedSession(entries);
      expect(entries.filter((entry) => entry.kind === 'manifest')).toHaveLength(1);
      expect(entries.filter((entry) => entry.privateToken === given)).toEqual([]);
    },
  },
  'Playlist.stories.tsx': {
    name: 'plays each picked video in the one player with the sound set before, at the default rate, in hls.js and in video.js; the focus stays on the thumbnail picked; one /session per video',
    async run(frame, context) {
      const items = frame.locator('.pv-playlist > li');
      const videoIds = ['viPrivateTs', 'viGrid01', 'viPrivateFmp4'];
      await expect
        .poll(
          () =>
            items
              .locator('img')
              .evaluateAll((imgs) => imgs.filter((img) => (img as HTMLImageElement).naturalWidth > 0).length),
          { timeout },
        )
        .toBe(3);
      /** Picks the video at `index` (`how` the viewer does it), then checks it plays in the player and is marked. */
      const pick = async (index: number, how: () => Promise<void>) => {
        const since = context.emulator.log().at(-1)?.seq ?? 0;
        await how();
        // The picked video's stream, signed and answered: the player has its new source.
        await expect
          .poll(
            () =>
              requests(context, videoIds[index]!).some(
                (entry) => entry.seq > since && entry.kind === 'segment' && entry.status === 200,
              ),
            { timeout },
          )
          .toBe(true);
        await newestPlays(frame, 1);
        expect(await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('aria-current')))).toEqual(
          videoIds.map((_, i) => (i === index ? 'true' : null)),
        );
        // The focus stays where the viewer picked, not on the page nor in the player.
        expect(
          await items
            .nth(index)
            .getByRole('button')
            .evaluate((button) => button === document.activeElement),
        ).toBe(true);
      };

      await newestPlays(frame, 1);
      await setSound(frame, 0.4);
      await pick(1, () => items.nth(1).getByRole('button').click());
      expect(await sound(frame)).toEqual({ muted: false, volume: 0.4, rate: 1 });
      // From the keyboard: Tab from the thumbnail just picked to the next one, Enter.
      await pick(2, async () => {
        await frame.page().keyboard.press('Tab');
        await frame.page().keyboard.press('Enter');
      });
      expect(await sound(frame)).toEqual({ muted: false, volume: 0.4, rate: 1 });

      // video.js makes a new player and `<video>` for each video: the sound goes along all the same.
      await updateArgs(frame, { engine: 'videojs' }, ['video.js']);
      await frame.locator('[data-private-video-player="video.js"]').waitFor({ timeout });
      await newestPlays(frame, 1);
      await setSound(frame, 0.6);
      await pick(0, () => items.nth(0).getByRole('button').click());
      expect(await sound(frame)).toEqual({ muted: false, volume: 0.6, rate: 1 });

      // Back on the first video and through two engines: still each thumbnail's one session.
      for (const videoId of videoIds) expectOneSignedSession(requests(context, videoId));
    },
  },
  'Thumbnail.stories.tsx': {
    name: 'shows the signed thumbnail and the signed asset URLs',
    async run(frame, context) {
      await frame.waitForFunction(
        () => {
          const img = document.querySelector('img');
          return img?.complete && img.naturalWidth > 0 && img.src.includes('avh=');
        },
        null,
        { timeout },
      );
      await expect.poll(() => frame.locator('.pv-urls mark').count(), { timeout }).toBe(3);
      expectOneSignedSession(requests(context, 'viPrivateTs'));
    },
  },
  'ThumbnailGrid.stories.tsx': {
    name: 'loads twelve thumbnails, each on its own session',
    async run(frame, context) {
      await frame.waitForFunction(
        () =>
          [...document.querySelectorAll('.pv-grid img')].filter(
            (img) => (img as HTMLImageElement).naturalWidth > 0,
          ).length === 12,
        null,
        { timeout },
      );
      for (let i = 1; i <= 12; i++)
        expectOneSignedSession(requests(context, `viGrid${String(i).padStart(2, '0')}`));
    },
  },
  'PublicVideo.stories.tsx': {
    name: 'plays a public video without any session or avh',
    async run(frame, context) {
      await playsFor(frame, 1);
      const entries = requests(context, 'viPublicTs');
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.filter((entry) => entry.kind === 'session' || entry.avh)).toEqual([]);
    },
  },
  'PrivateLive.stories.tsx': {
    name: 'plays the private live stream for over 1 s, every playlist reload signed, its log naming each segment',
    async run(frame, context) {
      await playsFor(frame, 1);
      expectOneSignedSession(requests(context, 'liPrivateLive'));
      // The narrow path column shows which segment, not the stream id before it.
      await frame
        .locator('.pv-log__path', { hasText: /^seg_\d+\.ts$/ })
        .first()
        .waitFor({ timeout });
    },
  },
  'HlsFallback.stories.tsx': {
    name: 'plays HLS past 1 s, then falls back from the broken segments to the signed mp4 and keeps playing, in hls.js and in video.js',
    expectsRefusals: true,
    screenshot: 'hls-fallback.png',
    async run(frame, context) {
      // "segments 404 after 3": playback starts, then moves to the mp4 where HLS stopped, not at 0 s.
      expect(await playsTheMp4After(frame, 'hls.js')).toBeGreaterThan(1);
      // The README's picture: the refused segments, then the mp4 in the log (the video.js run below
      // reuses the mp4 the browser already holds, so its log ends on refusals).
      await context.screenshot?.();
      const entries = requests(context, 'viPrivateTs2');
      expect(entries.filter((entry) => entry.rule === 'fault').length).toBeGreaterThan(0);
      const mp4 = entries.filter((entry) => entry.kind === 'mp4');
      expect(mp4.length).toBeGreaterThan(0);
      expect(mp4.every((entry) => entry.avh && entry.status < 400)).toBe(true);
      expect(entries.filter((entry) => entry.kind === 'session')).toHaveLength(1);

      // The engine control offers video.js: the story must hold what it says there too.
      await updateArgs(frame, { engine: 'videojs' }, ['video.js']);
      expect(await playsTheMp4After(frame, 'video.js')).toBeGreaterThan(1);
      // Only segments were refused (after some played): the stream started before it broke.
      const sinceSwitch = requests(context, 'viPrivateTs2').filter((entry) => entry.seq > mp4.at(-1)!.seq);
      const faulted = sinceSwitch.filter((entry) => entry.rule === 'fault');
      expect(faulted.length).toBeGreaterThan(0);
      expect(faulted.every((entry) => entry.kind === 'segment')).toBe(true);
      expect(sinceSwitch.some((entry) => entry.kind === 'segment' && entry.status === 200)).toBe(true);
      expect(requests(context, 'viPrivateTs2').filter((entry) => entry.kind === 'session')).toHaveLength(1);
    },
  },
  'ExpiryRenewal.stories.tsx': {
    name: 'renews the 10 s session through getPrivateToken while playing',
    async run(frame, context) {
      await playsFor(frame, 1);
      await frame.waitForFunction(
        () => Number(document.querySelector('[data-testid="renewals"]')?.textContent) >= 1,
        null,
        { timeout },
      );
      // The renewed session is the one that signs from then on: asset requests carry a second avh.
      await expect
        .poll(() => signingSessions(requests(context, 'viPrivateTs')), { timeout: 30_000 })
        .toBeGreaterThanOrEqual(2);
      const entries = requests(context, 'viPrivateTs');
      expect(entries.filter((entry) => entry.status >= 400)).toEqual([]);
      const sessions = entries.filter((entry) => entry.kind === 'session');
      expect(sessions.length).toBeGreaterThanOrEqual(2);
      expect(sessions.every((entry) => entry.status === 200)).toBe(true);
      // Each renewal spent a freshly minted token.
      expect(new Set(sessions.map((entry) => entry.privateToken)).size).toBe(sessions.length);
    },
  },
  'TokenError.stories.tsx': {
    name: 'shows the token-used error in the player and the thumbnail after one refused /session',
    expectsRefusals: true,
    async run(frame, context) {
      // Both alerts say the cause: the player's, and the thumbnail's.
      const alerts = frame.locator('[data-private-video-error="token-used"]');
      await alerts.and(frame.locator(':not([data-private-thumbnail])')).waitFor({ timeout });
      await alerts.and(frame.locator('[data-private-thumbnail="error"]')).waitFor({ timeout });
      const sessions = requests(context, 'viPrivateTs').filter((entry) => entry.kind === 'session');
      // The story spends the token (200), then the components' one attempt is refused (404).
      expect(sessions.map((entry) => entry.status)).toEqual([200, 404]);
    },
  },
  'CustomDomain.stories.tsx': {
    name: 'plays from the custom domain and signs only that domain',
    async run(frame, context) {
      await playsFor(frame, 1);
      expectOneSignedSession(requests(context, 'viPrivateTs'));
      await expect.poll(() => frame.locator('.pv-urls mark').count(), { timeout }).toBe(1);
    },
  },
};
