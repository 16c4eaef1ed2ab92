import type {
  EngineEvent,
  FallbackEvent,
  GetPrivateToken,
  PlaybackEngineName,
  PrivateVideoError,
  SessionRenewedEvent,
} from '@private-video/core';
import { fireEvent, screen } from '@testing-library/react';
import Hls from 'hls.js';
import videojs from 'video.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { shortVhsBuffers } from '../../../scripts/vitest/shortVhsBuffers';
import { ClickToPlay } from '../examples/ClickToPlay.js';
import { PrivateThumbnail, PrivateVideoPlayer, PrivateVideoProvider } from '../src/index.js';
import {
  captureVideo,
  control,
  deliveryLog,
  domains,
  getPrivateTokenSpentFirst,
  painted,
  playedPast,
  renderPage,
  resetEmulatorEachTest,
  signal,
  spentToken,
  waitForElement,
} from './browserHelpers.js';

resetEmulatorEachTest();

shortVhsBuffers(videojs);

const engines: PlaybackEngineName[] = ['hls.js', 'video.js'];

describe.each(engines)('%s', (engine) => {
  it('a thumbnail and a player of one video: one session, every request signed, both working', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    const video = captureVideo();
    renderPage(
      <>
        <PrivateThumbnail videoId="viPrivateTs" privateToken={privateToken} alt="Intro" width={320} />
        <PrivateVideoPlayer
          ref={video.ref}
          videoId="viPrivateTs"
          privateToken={privateToken}
          engine={engine}
          controls
          muted
          autoPlay
          playsInline
        />
      </>,
    );
    const image = await waitForElement(() => screen.queryByAltText('Intro') as HTMLImageElement | null);
    await waitForElement(() => image.tagName === 'IMG');
    await painted(screen.getByAltText('Intro') as HTMLImageElement);
    await playedPast(await video.promise, 1);

    const log = await deliveryLog('viPrivateTs');
    expect(log.filter((entry) => entry.kind === 'session')).toHaveLength(1);
    expect(log.filter((entry) => entry.kind !== 'session' && !entry.avh)).toEqual([]);
    expect(log.some((entry) => entry.kind === 'thumbnail' && entry.status === 200)).toBe(true);
    expect(log.some((entry) => entry.kind === 'segment' && entry.status === 200)).toBe(true);
  });

  it('calls media event props and their …Capture variants, the …Capture first: onResize with the picture size', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    const resized = signal<[number, number]>();
    const updates: string[] = [];
    const updated = signal();
    renderPage(
      <PrivateVideoPlayer
        videoId="viPrivateTs"
        privateToken={privateToken}
        engine={engine}
        muted
        autoPlay
        playsInline
        onResize={(event) => {
          const { videoWidth, videoHeight } = event.currentTarget;
          resized.resolve([videoWidth, videoHeight]);
        }}
        onTimeUpdateCapture={() => updates.push('capture')}
        onTimeUpdate={() => {
          updates.push('bubble');
          if (updates.length >= 4) updated.resolve();
        }}
      />,
    );
    const [width, height] = await resized.promise;
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
    await updated.promise;
    expect(updates.slice(0, 4)).toEqual(['capture', 'bubble', 'capture', 'bubble']);
  });

  it('falls back to the mp4 when the manifest fails', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    await control.addFault({ match: { videoId: 'viPrivateTs', kind: 'manifest' }, status: 500 });
    const fallback = signal<FallbackEvent>();
    const video = captureVideo();
    renderPage(
      <PrivateVideoPlayer
        ref={video.ref}
        videoId="viPrivateTs"
        privateToken={privateToken}
        engine={engine}
        muted
        autoPlay
        onFallback={fallback.resolve}
      />,
    );
    expect(await fallback.promise).toMatchObject({ from: 'hls', to: 'mp4' });
    await playedPast(await video.promise, 1);
    const mp4 = (await deliveryLog('viPrivateTs')).filter((entry) => entry.kind === 'mp4');
    expect(mp4.length).toBeGreaterThan(0);
    expect(mp4.every((entry) => entry.avh)).toBe(true);
  });

  it('renews an expired session through getPrivateToken and keeps playing', async () => {
    // Sessions with the default TTL: the control's expiry is the only one, so exactly one renewal happens
    // however slow the machine. With a 5 s TTL the renewed session can die too on a loaded run, before the
    // media loaded after the renewal has played, and the controller then does not renew again (by design,
    // against renewal loops): a loaded CI run timed out, most likely that way.
    const { privateToken } = await control.mintToken('viPrivateTs');
    const renewed = signal<SessionRenewedEvent>();
    const video = captureVideo();
    renderPage(
      <PrivateVideoPlayer
        ref={video.ref}
        videoId="viPrivateTs"
        privateToken={privateToken}
        engine={engine}
        muted
        autoPlay
        getPrivateToken={async () => (await control.mintToken('viPrivateTs')).privateToken}
        onSessionRenewed={renewed.resolve}
        hlsConfig={{ maxBufferLength: 2, maxMaxBufferLength: 2 }}
      />,
    );
    const element = await video.promise;
    const position = await playedPast(element, 1.5);
    await control.expireSessions({ videoId: 'viPrivateTs' });
    const event = await renewed.promise;
    expect(event.ref.privateToken).not.toBe(privateToken);
    await playedPast(element, position + 3);
    const sessions = (await deliveryLog('viPrivateTs')).filter((entry) => entry.kind === 'session');
    expect(sessions).toHaveLength(2);
  });

  it('shows the token-used alert for a spent private token', async () => {
    const privateToken = await spentToken('viPrivateTs');
    const error = signal<PrivateVideoError>();
    renderPage(
      <PrivateVideoPlayer
        videoId="viPrivateTs"
        privateToken={privateToken}
        engine={engine}
        onError={error.resolve}
      />,
    );
    expect((await error.promise).code).toBe('token-used');
    const alert = await waitForElement(() => screen.queryByRole('alert'));
    expect(alert.textContent).toContain('This private video link is no longer valid.');
  });

  it('"Try again" renews a spent token, plays again, and moves focus to the video it brought back', async () => {
    const privateToken = await spentToken('viPrivateTs');
    // The open's replacement is spent too (the open fails as `token-used`); the retry's is fresh.
    const { getPrivateToken, calls } = await getPrivateTokenSpentFirst('viPrivateTs');
    let rendered: HTMLVideoElement | null = null;
    renderPage(
      <PrivateVideoPlayer
        ref={(element) => {
          rendered = element;
        }}
        videoId="viPrivateTs"
        privateToken={privateToken}
        engine={engine}
        controls
        muted
        autoPlay
        getPrivateToken={getPrivateToken}
      />,
    );
    const button = await waitForElement(() => screen.queryByRole('button', { name: 'Try again' }));
    button.focus(); // where a click or the keyboard leaves it
    button.click();
    // The button is gone with the alert; without a move, focus would fall back to the page.
    const focused = await waitForElement(() =>
      document.activeElement instanceof HTMLVideoElement ? document.activeElement : null,
    );
    expect(focused).toBe(rendered);
    expect(screen.queryByRole('alert')).toBeNull();
    await playedPast(focused, 1);
    expect(calls()).toBe(2);
    const sessions = (await deliveryLog('viPrivateTs')).filter((entry) => entry.kind === 'session');
    // Each spent token spent once by the test (200), refused to the player (404); then the retry's token.
    expect(sessions.map((entry) => entry.status)).toEqual([200, 200, 404, 404, 200]);
  });
});

describe('onEngine', () => {
  it("hands the app hls.js's own Hls before it loads, to listen to it and steer it (its quality levels)", async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    const video = captureVideo();
    const events: EngineEvent[] = [];
    const heights = signal<number[]>();
    renderPage(
      <PrivateVideoPlayer
        ref={video.ref}
        videoId="viPrivateTs"
        privateToken={privateToken}
        engine="hls.js"
        muted
        autoPlay
        onEngine={(event) => {
          events.push(event);
          const hls = event.instance as Hls;
          // Listened to before any manifest is loaded: its levels come after.
          hls.on(Hls.Events.MANIFEST_PARSED, (_, { levels }) => {
            heights.resolve(levels.map((level) => level.height));
            hls.currentLevel = levels.findIndex((level) => level.height === 240); // the app's quality menu
          });
        }}
      />,
    );
    expect(await heights.promise).toEqual([240, 360]);
    await playedPast(await video.promise, 0.5);
    expect(events.map(({ name, instance }) => [name, instance instanceof Hls])).toEqual([['hls.js', true]]);
    const hls = events[0]!.instance as Hls;
    expect(hls.levels[hls.currentLevel]?.height).toBe(240);
    // The level the app chose (the TS media's second rendition, `v1/`) plays signed, as every other request.
    const log = await deliveryLog('viPrivateTs');
    expect(log.some((entry) => entry.path.includes('/v1/') && entry.kind === 'segment')).toBe(true);
    expect(log.filter((entry) => entry.kind !== 'session' && !entry.avh)).toEqual([]);
  });

  it("hands the app video.js's player of the <video>", async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    const video = captureVideo();
    const events: EngineEvent[] = [];
    renderPage(
      <PrivateVideoPlayer
        ref={video.ref}
        videoId="viPrivateTs"
        privateToken={privateToken}
        engine="video.js"
        muted
        autoPlay
        onEngine={(event) => events.push(event)}
      />,
    );
    const element = await video.promise;
    await playedPast(element, 0.5);
    expect(events.map(({ name }) => name)).toEqual(['video.js']);
    const player = events[0]!.instance as ReturnType<typeof videojs>;
    expect(player).toBe(videojs.getPlayer(element));
    expect(player.currentTime()).toBeGreaterThan(0.5);
  });
});

describe('changing engine mid-play', () => {
  it('hands the ref from the video.js <video> to the hls.js one, which plays in the same session', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    const ref = { current: null as HTMLVideoElement | null };
    const player = (engine: PlaybackEngineName) => (
      <PrivateVideoPlayer
        ref={ref}
        videoId="viPrivateTs"
        privateToken={privateToken}
        engine={engine}
        muted
        autoPlay
      />
    );
    const { rerender } = renderPage(player('video.js'));
    const first = await waitForElement(() => ref.current);
    await playedPast(first, 1);
    rerender(
      <PrivateVideoProvider domains={domains} storage={null}>
        {player('hls.js')}
      </PrivateVideoProvider>,
    );
    const second = await waitForElement(() => (ref.current && ref.current !== first ? ref.current : null));
    expect(second.dataset.privateVideoPlayer).toBe('hls.js');
    expect(second.isConnected).toBe(true);
    expect(first.isConnected).toBe(false);
    await playedPast(second, 1);
    expect(ref.current).toBe(second);
    const sessions = (await deliveryLog('viPrivateTs')).filter((entry) => entry.kind === 'session');
    expect(sessions).toHaveLength(1);
  });
});

describe('a provider inside another', () => {
  it('given its getPrivateToken once the app has it, keeps the outer client: the player plays on, on its one session', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    const video = captureVideo();
    const minted: string[] = [];
    const getPrivateToken = async () => {
      const fresh = await control.mintToken('viPrivateTs');
      minted.push(fresh.privateToken);
      return fresh.privateToken;
    };
    const section = (getter?: GetPrivateToken) => (
      <PrivateVideoProvider engine="hls.js" getPrivateToken={getter}>
        <PrivateVideoPlayer
          ref={video.ref}
          videoId="viPrivateTs"
          privateToken={privateToken}
          muted
          autoPlay
        />
      </PrivateVideoProvider>
    );
    const { rerender } = renderPage(section());
    const element = await video.promise;
    await playedPast(element, 0.5);
    const at = element.currentTime;
    rerender(
      <PrivateVideoProvider domains={domains} storage={null}>
        {section(getPrivateToken)}
      </PrivateVideoProvider>,
    );
    await playedPast(element, at + 1);
    // Started over on a client of its own, it asked for the spent token's session again, then for a fresh one.
    const log = await deliveryLog('viPrivateTs');
    expect(log.filter((entry) => entry.kind === 'session')).toHaveLength(1);
    expect(log.filter((entry) => entry.kind === 'manifest')).toHaveLength(1);
    expect(minted).toEqual([]);
  });
});

describe("video.js: the app's attributes", () => {
  // React puts them on hls.js's <video>; video.js's is created outside React, and video.js copies the
  // attributes of its <video> to the wrapper it puts around it, so a test id or a title would name two.
  it('go on the <video> the ref gets and nowhere else, video.js keeps its region, and updates follow', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    const video = captureVideo();
    const player = (chapter: string, title?: string) => (
      <PrivateVideoPlayer
        ref={video.ref}
        videoId="viPrivateTs"
        privateToken={privateToken}
        engine="video.js"
        controls
        muted
        autoPlay
        id="lecture"
        aria-label={`Lecture, chapter ${chapter}`}
        aria-describedby="summary"
        data-testid="lecture"
        data-chapter={chapter}
        role="application"
        title={title}
      />
    );
    const { rerender } = renderPage(player('1', 'Introduction'));
    const element = await video.promise;
    await playedPast(element, 0.5);
    const wrapper = screen.getByRole('region', { name: 'Video Player' });
    expect(element.parentElement).toBe(wrapper);
    // The id is video.js's player id: its wrapper's, the <video> gets a suffix (what the README says).
    expect([wrapper.id, element.id]).toEqual(['lecture', 'lecture_html5_api']);
    expect(screen.getByTestId('lecture')).toBe(element);
    expect(screen.getByLabelText('Lecture, chapter 1')).toBe(element);
    expect(screen.getByTitle('Introduction')).toBe(element);
    expect(screen.getByRole('application')).toBe(element);
    expect(element.getAttribute('aria-describedby')).toBe('summary');
    for (const name of ['aria-describedby', 'data-testid', 'data-chapter', 'title']) {
      expect(wrapper.hasAttribute(name), name).toBe(false);
    }

    rerender(
      <PrivateVideoProvider domains={domains} storage={null}>
        {player('2')}
      </PrivateVideoProvider>,
    );
    expect(screen.getByLabelText('Lecture, chapter 2')).toBe(element);
    expect(element.dataset.chapter).toBe('2');
    expect(element.hasAttribute('title')).toBe(false);
    expect(screen.getByRole('region', { name: 'Video Player' })).toBe(wrapper);
  });

  it("a new poster shows in video.js's own poster image, not only on the <video>", async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    const video = captureVideo();
    const pixel = 'data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=';
    const player = (poster: string) => (
      <PrivateVideoPlayer
        ref={video.ref}
        videoId="viPrivateTs"
        privateToken={privateToken}
        engine="video.js"
        controls
        poster={poster}
      />
    );
    const { rerender } = renderPage(player(`${pixel}#first`));
    const element = await video.promise;
    const image = await waitForElement(() =>
      element.closest('.video-js')?.querySelector<HTMLImageElement>('.vjs-poster img'),
    );
    expect(image.getAttribute('src')).toBe(`${pixel}#first`);
    rerender(
      <PrivateVideoProvider domains={domains} storage={null}>
        {player(`${pixel}#second`)}
      </PrivateVideoProvider>,
    );
    const shown = element.closest('.video-js')?.querySelector<HTMLImageElement>('.vjs-poster img');
    expect([shown?.getAttribute('src'), element.getAttribute('poster')]).toEqual([
      `${pixel}#second`,
      `${pixel}#second`,
    ]);
  });
});

describe("video.js: the app's event handlers and tabIndex", () => {
  // video.js's skin, for this block only: its poster, big play button and control bar lie over the
  // <video> as the app's users see them, so a click lands where it would in an app.
  let skin: HTMLStyleElement | undefined;
  beforeAll(async () => {
    const css: { default: string } = await import('video.js/dist/video-js.css?inline' as string);
    skin = document.head.appendChild(document.createElement('style'));
    skin.textContent = css.default;
  });
  afterAll(() => {
    skin?.remove();
  });

  /** Which part of the player an event happened on. */
  const part = (target: EventTarget | null) =>
    (target as Element).closest('video, .vjs-big-play-button, .vjs-play-control')?.className.split(' ')[0];

  it("clicks, keys and tabIndex reach video.js's player, the latest handlers are called, none after unmount", async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    const video = captureVideo();
    const calls: string[] = [];
    const player = (name: string, tabIndex?: number) => (
      <PrivateVideoPlayer
        ref={video.ref}
        videoId="viPrivateTs"
        privateToken={privateToken}
        engine="video.js"
        controls
        muted
        autoPlay
        tabIndex={tabIndex}
        onClick={(event) =>
          calls.push(
            `${name}: click on ${part(event.target)}, at the ref: ${event.currentTarget === element}`,
          )
        }
        onKeyDown={(event) => calls.push(`${name}: ${event.key}`)}
      />
    );
    const { rerender, unmount } = renderPage(player('first', 0));
    const element = await video.promise;
    await playedPast(element, 0.5);
    const wrapper = element.parentElement!;
    expect(wrapper.classList.contains('video-js')).toBe(true);
    expect(getComputedStyle(wrapper.querySelector('.vjs-control-bar')!).position).toBe('absolute'); // skinned
    // video.js keeps its <video> out of the tab order; the player, its wrapper, takes the app's tabIndex.
    expect([wrapper.tabIndex, element.tabIndex]).toEqual([0, -1]);
    await userEvent.tab();
    expect(document.activeElement).toBe(wrapper);
    await userEvent.keyboard('a');
    await userEvent.click(element);
    expect(calls).toEqual(['first: a', 'first: click on vjs-tech, at the ref: true']);

    rerender(
      <PrivateVideoProvider domains={domains} storage={null}>
        {player('second', 2)}
      </PrivateVideoProvider>,
    );
    expect(wrapper.tabIndex).toBe(2);
    await userEvent.click(element);
    await userEvent.keyboard('b');
    expect(calls.slice(2)).toEqual(['second: click on vjs-tech, at the ref: true', 'second: b']);
    // Without a tabIndex, video.js's own again.
    rerender(
      <PrivateVideoProvider domains={domains} storage={null}>
        {player('third')}
      </PrivateVideoProvider>,
    );
    expect(wrapper.getAttribute('tabindex')).toBe('-1');

    unmount();
    expect(wrapper.isConnected || element.isConnected).toBe(false);
    for (const target of [wrapper, element]) {
      target.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, key: 'c' }));
    }
    expect(calls).toHaveLength(4);
  });

  it("a click on video.js's controls reaches onClick after video.js acted on it, and stopPropagation keeps it from the page", async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    const video = captureVideo();
    const clicks: string[] = [];
    let pageClicks = 0;
    renderPage(
      // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: a page's handler around the player.
      <div onClick={() => pageClicks++}>
        <PrivateVideoPlayer
          ref={video.ref}
          videoId="viPrivateTs"
          privateToken={privateToken}
          engine="video.js"
          controls
          muted
          // The control bar stays visible, however long the test takes between its clicks.
          videojsOptions={{ inactivityTimeout: 0 }}
          onClick={(event) => {
            // video.js's button has acted already: the <video> plays, or is paused.
            clicks.push(`${part(event.target)}, paused: ${event.currentTarget.paused}`);
            event.stopPropagation();
          }}
        />
      </div>,
    );
    const element = await video.promise;
    await waitForElement(() => element.readyState >= 1);
    const wrapper = element.parentElement!;
    await userEvent.click(wrapper.querySelector('.vjs-big-play-button')!);
    expect(clicks).toEqual(['vjs-big-play-button, paused: false']);
    await playedPast(element, 0.2);
    await userEvent.click(wrapper.querySelector('.vjs-play-control')!);
    expect(clicks).toEqual(['vjs-big-play-button, paused: false', 'vjs-play-control, paused: true']);
    expect(pageClicks).toBe(0);
  });
});

describe('clickable thumbnail (seed 001)', () => {
  it.each(engines)('opens the %s player in the same session', async (engine) => {
    const { privateToken } = await control.mintToken('viPrivateFmp4');
    renderPage(
      <ClickToPlay videoId="viPrivateFmp4" privateToken={privateToken} alt="Play" engine={engine} />,
    );
    const image = await waitForElement(() => {
      const found = screen.queryByAltText('Play');
      return found?.tagName === 'IMG' ? (found as HTMLImageElement) : null;
    });
    await painted(image);
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    const video = await waitForElement(() => document.querySelector('video'));
    await playedPast(video, 1);
    const log = await deliveryLog('viPrivateFmp4');
    expect(log.filter((entry) => entry.kind === 'session')).toHaveLength(1);
    expect(log.filter((entry) => entry.kind !== 'session' && !entry.avh)).toEqual([]);
  });
});
