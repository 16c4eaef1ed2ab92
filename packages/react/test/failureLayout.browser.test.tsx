import { SessionClient } from '@private-video/core';
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PrivateThumbnail, PrivateVideoPlayer } from '../src/index.js';
import {
  control,
  domains,
  renderPage,
  resetEmulatorEachTest,
  spentToken,
  waitForElement,
} from './browserHelpers.js';

// A failure shows an alert in the box of what failed: the page does not move, and nothing else shows.

resetEmulatorEachTest();

let sheet: HTMLStyleElement | undefined;
afterEach(() => {
  sheet?.remove();
  sheet = undefined;
});

const box = (element: Element) => {
  const { width, height } = element.getBoundingClientRect();
  return { width: Math.round(width), height: Math.round(height) };
};

describe('PrivateVideoPlayer, failed', () => {
  it("hides its <video> under a CSS reset's `video { display: block }`: the alert replaces it", async () => {
    sheet = document.head.appendChild(document.createElement('style'));
    sheet.textContent = 'img, picture, video, canvas, svg { display: block; max-width: 100%; }';
    const privateToken = await spentToken('viPrivateTs');
    renderPage(
      <div style={{ width: 640 }}>
        <PrivateVideoPlayer
          videoId="viPrivateTs"
          privateToken={privateToken}
          controls
          width={640}
          height={360}
        />
      </div>,
    );
    const alert = await waitForElement(() => screen.queryByRole('alert'));
    const video = document.querySelector('video')!;
    expect(video.checkVisibility()).toBe(false);
    expect(alert.getBoundingClientRect().top).toBe(alert.parentElement!.getBoundingClientRect().top);
  });

  it("shows its alert in the player's box, sized by the player's style and class", async () => {
    sheet = document.head.appendChild(document.createElement('style'));
    sheet.textContent = '.tall { height: 150px }';
    const privateToken = await spentToken('viPrivateTs');
    renderPage(
      <div style={{ width: 400 }}>
        <PrivateVideoPlayer
          videoId="viPrivateTs"
          privateToken={privateToken}
          controls
          className="tall"
          style={{ width: 200 }}
        />
      </div>,
    );
    const alert = await waitForElement(() => screen.queryByRole('alert'));
    expect(box(alert)).toEqual({ width: 200, height: 150 });
  });
});

describe('sized by string width and height, as HTML attributes read them ("640", "360")', () => {
  it("PrivateVideoPlayer: its alert is in the player's box", async () => {
    const privateToken = await spentToken('viPrivateTs');
    renderPage(
      <div style={{ width: 1000 }}>
        <PrivateVideoPlayer
          videoId="viPrivateTs"
          privateToken={privateToken}
          controls
          width="640"
          height="360"
          onError={() => {}}
        />
      </div>,
    );
    const alert = await waitForElement(() => screen.queryByRole('alert'));
    expect(box(alert)).toEqual({ width: 640, height: 360 });
  });

  it('PrivateThumbnail: its placeholder has the box of its image (no layout shift)', async () => {
    const thumbnail = (privateToken: string) => (
      <div style={{ width: 800 }}>
        <PrivateThumbnail videoId="viGrid01" privateToken={privateToken} alt="Intro" width="320" />
      </div>
    );
    const pending = new SessionClient({
      domains,
      storage: null,
      fetch: () => new Promise<Response>(() => {}),
    });
    const { unmount } = renderPage(thumbnail('pending'), { client: pending });
    const placeholder = box(
      await waitForElement(() => document.querySelector('[data-private-thumbnail="loading"]')),
    );
    unmount();
    renderPage(thumbnail((await control.mintToken('viGrid01')).privateToken));
    const image = await waitForElement(() => document.querySelector('img'));
    await image.decode();
    expect([placeholder, box(image)]).toEqual([
      { width: 320, height: 180 },
      { width: 320, height: 180 },
    ]);
  });
});

describe('hidden (a preloaded card, a collapsed section), under a CSS reset that shows [hidden] elements', () => {
  it('PrivateThumbnail: neither its image nor the link around it shows', async () => {
    sheet = document.head.appendChild(document.createElement('style'));
    sheet.textContent = 'img, a { display: block }';
    const { privateToken } = await control.mintToken('viGrid01');
    renderPage(
      <PrivateThumbnail
        videoId="viGrid01"
        privateToken={privateToken}
        alt="Intro"
        href="/watch"
        openSession="eager"
        loading="eager"
        hidden
      />,
    );
    const image = await waitForElement(() => document.querySelector('img'));
    await image.decode();
    expect([image.checkVisibility(), image.closest('a')!.checkVisibility()]).toEqual([false, false]);
  });

  it('PrivateVideoPlayer: nor its <video>', async () => {
    sheet = document.head.appendChild(document.createElement('style'));
    sheet.textContent = 'video { display: block }';
    const { privateToken } = await control.mintToken('viPrivateTs');
    renderPage(
      <PrivateVideoPlayer videoId="viPrivateTs" privateToken={privateToken} preload="none" hidden />,
    );
    const video = await waitForElement(() => document.querySelector('video'));
    expect(video.checkVisibility()).toBe(false);
  });

  it('PrivateVideoPlayer: nor its alert, once it failed', async () => {
    const privateToken = await spentToken('viPrivateTs');
    renderPage(
      <PrivateVideoPlayer videoId="viPrivateTs" privateToken={privateToken} hidden onError={() => {}} />,
    );
    const alert = await waitForElement(() => screen.queryByRole('alert', { hidden: true }));
    expect(alert.checkVisibility()).toBe(false);
  });
});

describe('PrivateThumbnail, failed', () => {
  it('keeps the box of its placeholder at 120 px wide, where the message and "Try again" do not fit', async () => {
    const { privateToken } = await control.mintToken('viGrid01');
    // A client whose `/session` never answers: the placeholder stays, to be measured.
    const pending = new SessionClient({
      domains,
      storage: null,
      fetch: () => new Promise<Response>(() => {}),
    });
    const { unmount } = renderPage(
      <PrivateThumbnail videoId="viGrid01" privateToken={privateToken} alt="Intro" width={120} />,
      { client: pending },
    );
    const placeholder = box(
      await waitForElement(() => document.querySelector('[data-private-thumbnail="loading"]')),
    );
    unmount();
    await control.addFault({ match: { videoId: 'viGrid01', kind: 'session' }, status: 503 });
    renderPage(
      <div style={{ display: 'flex', alignItems: 'flex-start' }}>
        <PrivateThumbnail videoId="viGrid01" privateToken={privateToken} alt="Intro" width={120} />
      </div>,
      { client: new SessionClient({ domains, storage: null, retry: { retries: 0 } }) },
    );
    const alert = await waitForElement(() => screen.queryByRole('status'));
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(box(alert)).toEqual(placeholder);
  });
});
