// Runs in Firefox and WebKit (no Playwright driver works with Debian's builds of them): renders the real
// components against the emulator, scenario after scenario, then posts what happened to the Node test, which
// asserts on it and on the emulator's log of each scenario's requests.
import { createEmulatorControl, type MintedToken } from '@private-video/emulator/control';
// Its media waits only: the package's index brings Vitest, which has no place in a plain page.
import { playedPast } from '@private-video/test-utils/media';
import { type ReactNode, StrictMode, version } from 'react';
import { createRoot } from 'react-dom/client';
import { playsHls, postProgress, postReport, withinDeadline } from '../../../../scripts/vitest/reportingPage';
import { PrivateThumbnail, PrivateVideoPlayer, PrivateVideoProvider } from '../../src/index.js';
import type { PageReport, ScenarioFacts, ScenarioOutcome } from './scenarioOutcome.js';

const emulatorUrl = new URLSearchParams(location.search).get('emulator') ?? '';
const control = createEmulatorControl(emulatorUrl);
const domains = { vod: emulatorUrl, live: emulatorUrl };
/** A scenario that has not reached its goal by then has failed (a deadline, not a wait). */
const deadline = 25_000;

/** Engine modules as Vite serves them (pre-bundled deps or core's adapter sources), and React's video.js glue. */
const engineModule = /hls[._-]+js|video[._-]+js|hlsEngine|videojsEngine|mountVideojsElement/;

const pageErrors: string[] = [];
addEventListener('error', (event) => pageErrors.push(String(event.error ?? event.message)));
addEventListener('unhandledrejection', (event) => pageErrors.push(`unhandled: ${event.reason}`));

/** What a scenario is given: its tokens, its page, and the facts it reports. */
interface Stage {
  /** A fresh private token of that video (its requests are the scenario's). */
  mint(videoId: string): Promise<MintedToken>;
  /** Renders `ui` in a root of its own, under a provider (the emulator's domains, no storage). */
  render(ui: ReactNode, options?: { strict?: boolean }): HTMLElement;
  /** Resolves with what `find` returns once it is truthy (checked on every frame, until the deadline). */
  until<T>(find: () => T | null | undefined | false): Promise<T>;
  /** The components' callbacks (and the page's clicks), in order. */
  events: string[];
  facts: ScenarioFacts;
}

/** A scenario resolves once it has reached its goal; what it saw goes in `facts`. */
type Scenario = (stage: Stage) => Promise<void>;

const scenarios: Array<[name: string, Scenario]> = [];

// First, while no earlier scenario has loaded an engine: a page of thumbnails only must download none.
scenarios.push([
  'a grid of 4 thumbnails of 4 private tokens',
  async ({ mint, render, until, facts }) => {
    const grid = ['viGrid01', 'viGrid02', 'viGrid03', 'viGrid04'];
    const minted = await Promise.all(grid.map((videoId) => mint(videoId)));
    const page = render(
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 160px)', gap: 8 }}>
        {minted.map(({ videoId, privateToken }) => (
          <PrivateThumbnail key={videoId} videoId={videoId} privateToken={privateToken} alt={videoId} />
        ))}
      </div>,
    );
    const images = await until(() => {
      const found = grid.map((videoId) => page.querySelector<HTMLImageElement>(`img[alt="${videoId}"]`));
      return found.every((image) => image?.complete) && (found as HTMLImageElement[]);
    });
    facts.thumbnails = images.map((image) => image.naturalWidth);
    facts.engineResources = engineResources();
  },
]);

for (const engine of ['hls.js', 'video.js'] as const) {
  // Where the engine's HLS does not play even without this library, only its fallback to the mp4 runs.
  const hls = playsHls(engine) ? scenarios : [];
  hls.push([
    `${engine}: a thumbnail and a player of one video (StrictMode)`,
    async ({ mint, render, until, facts }) => {
      const { privateToken } = await mint('viPrivateTs');
      const playing = signal<HTMLVideoElement>();
      const page = render(
        <>
          <PrivateThumbnail videoId="viPrivateTs" privateToken={privateToken} alt="Intro" width={320} />
          <PrivateVideoPlayer
            videoId="viPrivateTs"
            privateToken={privateToken}
            engine={engine}
            controls
            muted
            autoPlay
            playsInline
            onPlaying={(event) => playing.resolve(event.currentTarget)}
          />
        </>,
        { strict: true },
      );
      const image = await until(() => {
        const found = page.querySelector<HTMLImageElement>('img[alt="Intro"]');
        return found?.complete && found;
      });
      facts.thumbnails = [image.naturalWidth];
      const video = await playing.promise;
      facts.currentTime = await playedPast(video, 1.5);
      facts.videos = page.querySelectorAll('video').length;
      facts.player = page
        .querySelector('[data-private-video-player]')
        ?.getAttribute('data-private-video-player');
      facts.engineResources = engineResources();
    },
  ]);

  scenarios.push([
    `${engine}: a player whose manifest fails falls back to the mp4`,
    async ({ mint, render, events, facts }) => {
      const { privateToken } = await mint('viPrivateTs');
      await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'manifest' }, status: 500 });
      const fellBack = signal();
      let fallenBack = false;
      const playing = signal<HTMLVideoElement>();
      render(
        <PrivateVideoPlayer
          videoId="viPrivateTs"
          privateToken={privateToken}
          engine={engine}
          muted
          autoPlay
          onFallback={(event) => {
            events.push(`player fallback: ${event.from} → ${event.to}`);
            fallenBack = true;
            fellBack.resolve();
          }}
          onError={(error) => events.push(`player error: ${error.code}`)}
          // Its first `playing` after the fallback: the mp4's.
          onPlaying={(event) => fallenBack && playing.resolve(event.currentTarget)}
        />,
      );
      await fellBack.promise;
      facts.currentTime = await playedPast(await playing.promise, 1);
    },
  ]);

  hls.push([
    `${engine}: "Try again" after the segments failed plays again`,
    async ({ mint, render, until, events, facts }) => {
      const { privateToken } = await mint('viPrivateTs');
      // Two segments play, then every later one fails (on both renditions) until the engine gives up.
      await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'segment' }, status: 500, after: 2 });
      const failed = signal();
      let retried: ((video: HTMLVideoElement) => void) | undefined;
      const page = render(
        <PrivateVideoPlayer
          videoId="viPrivateTs"
          privateToken={privateToken}
          engine={engine}
          fallback={false}
          hlsConfig={{ maxBufferLength: 1, maxMaxBufferLength: 1 }}
          muted
          autoPlay
          onError={(error) => {
            events.push(`player error: ${error.code}`);
            failed.resolve();
          }}
          // The retry's video (video.js makes a new one): its first `playing`.
          onPlaying={(event) => retried?.(event.currentTarget)}
        />,
      );
      await failed.promise;
      const button = await until(() =>
        [...page.querySelectorAll(`${messages} button`)].find((found) => found.textContent === 'Try again'),
      );
      facts.alerts = alerts(page);
      await control.clearFaults();
      const playing = new Promise<HTMLVideoElement>((resolve) => {
        retried = resolve;
      });
      (button as HTMLButtonElement).click();
      events.push('Try again');
      const video = await playing;
      facts.resumedAt = video.currentTime;
      facts.resumedConnected = video.isConnected;
      facts.currentTime = await playedPast(video, video.currentTime + 1);
      facts.alerts.push(...alerts(page).map((alert) => `after the retry: ${alert}`));
      facts.videos = page.querySelectorAll('video').length;
    },
  ]);
}

scenarios.push([
  'a spent private token',
  async ({ mint, render, until, events, facts }) => {
    const minted = await mint('viPrivateTs');
    await fetch(minted.urls.session, { cache: 'no-store' }); // the page spends it first
    const page = render(
      <>
        <PrivateThumbnail
          videoId="viPrivateTs"
          privateToken={minted.privateToken}
          alt="Spent"
          width={320}
          onError={(error) => events.push(`thumbnail error: ${error.code}`)}
        />
        <PrivateVideoPlayer
          videoId="viPrivateTs"
          privateToken={minted.privateToken}
          muted
          autoPlay
          onError={(error) => events.push(`player error: ${error.code}`)}
        />
      </>,
    );
    await until(() => page.querySelectorAll(messages).length >= 2);
    facts.alerts = alerts(page);
  },
]);

/** The engine modules the page has requested so far (see `engineModule`). */
function engineResources(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((name) => engineModule.test(name));
}

/** Each `<video>` and `<img>` in the page: where it stands, for a scenario that missed its goal. */
function describeMedia(): string[] {
  const ranges = (ranges: TimeRanges) =>
    Array.from(
      { length: ranges.length },
      (_, i) => `${ranges.start(i).toFixed(2)}-${ranges.end(i).toFixed(2)}`,
    );
  const videos = [...document.querySelectorAll('video')].map(
    (video) =>
      `video t=${video.currentTime.toFixed(2)} readyState=${video.readyState} paused=${video.paused} ` +
      `seeking=${video.seeking} played=[${ranges(video.played)}] buffered=[${ranges(video.buffered)}] ` +
      `error=${video.error?.code ?? '-'}`,
  );
  const images = [...document.querySelectorAll('img')].map(
    (image) => `img complete=${image.complete} width=${image.naturalWidth}`,
  );
  return [...videos, ...images, ...alerts(document.body)];
}

/** The error messages: the player's alerts, the thumbnails' polite status messages. */
const messages = ':is([role="alert"], [role="status"])';

/** Each error message of the page: whose (the thumbnail's or the player's), its role, error code and buttons. */
function alerts(page: HTMLElement): string[] {
  return [...page.querySelectorAll<HTMLElement>(messages)].map((message) => {
    const owner = message.dataset.privateThumbnail === undefined ? 'player' : 'thumbnail';
    const buttons = [...message.querySelectorAll('button')].map((button) => ` [${button.textContent}]`);
    return `${owner} (${message.getAttribute('role')}): ${message.dataset.privateVideoError}${buttons.join('')}`;
  });
}

/** A promise and its resolver, for callbacks a scenario waits on (the first call wins). */
function signal<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

async function run([name, scenario]: (typeof scenarios)[number]): Promise<ScenarioOutcome> {
  await postProgress(name);
  await control.reset();
  const tokens: string[] = [];
  const events: string[] = [];
  const facts: ScenarioFacts = {};
  const unmounts: Array<() => void> = [];
  let over = false;
  const stage: Stage = {
    events,
    facts,
    async mint(videoId) {
      const minted = await control.mintToken(videoId);
      tokens.push(minted.privateToken);
      return minted;
    },
    render(ui, { strict = false } = {}) {
      const container = document.body.appendChild(document.createElement('div'));
      const root = createRoot(container);
      const page = (
        <PrivateVideoProvider domains={domains} storage={null}>
          {ui}
        </PrivateVideoProvider>
      );
      root.render(strict ? <StrictMode>{page}</StrictMode> : page);
      unmounts.push(() => {
        root.unmount();
        container.remove();
      });
      return container;
    },
    until(find) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (over) return reject(new Error('the scenario is over'));
          const found = find();
          if (found) return resolve(found);
          requestAnimationFrame(check);
        };
        check();
      });
    },
  };
  const error = await withinDeadline(scenario(stage), deadline);
  const reached = error === undefined;
  // What the page showed when the goal was missed: for the failure's message.
  if (!reached) facts.missed = describeMedia();
  over = true;
  for (const unmount of unmounts) unmount();
  const requests = (await control.log())
    .filter((entry) => entry.kind !== 'api')
    .map(({ kind, status, avh, videoId, privateToken, rule }) => ({
      kind,
      status,
      avh,
      videoId,
      privateToken,
      rule,
    }));
  return { name, reached, error, events, facts, tokens, requests };
}

const outcomes: ScenarioOutcome[] = [];
try {
  for (const scenario of scenarios) {
    outcomes.push(await run(scenario));
    // VHS (video.js's HLS) buffers 2 s ahead instead of 30 s (the whole clip), as in the Chromium tests: a
    // failure of the later segments comes mid-play. Set once the thumbnails-only scenario is done, as
    // importing video.js is downloading it.
    if (outcomes.length === 1) {
      const { default: videojs } = await import('video.js');
      Object.assign((videojs as unknown as { Vhs: object }).Vhs, {
        GOAL_BUFFER_LENGTH: 2,
        MAX_GOAL_BUFFER_LENGTH: 2,
      });
    }
  }
} catch (error) {
  pageErrors.push(`the page stopped: ${error}`); // the report still goes, rather than a timeout
}
const report: PageReport = { userAgent: navigator.userAgent, react: version, outcomes, pageErrors };
await postReport(report);
