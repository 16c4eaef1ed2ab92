import { type PlaybackEngineName, type PrivateVideoError, SessionClient } from '@private-video/core';
import { fireEvent, render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
// What the README asks of apps: without video.js's skin its controls are unstyled text buttons, and the
// menus of hidden menu buttons (which video.js leaves without their `menu` role) would show.
import 'video.js/dist/video-js.css';
import { ClickToPlay } from '../examples/ClickToPlay.js';
import { PrivateThumbnail, PrivateVideoPlayer, PrivateVideoProvider } from '../src/index.js';
import {
  captureVideo,
  control,
  domains,
  getPrivateTokenSpentFirst,
  painted,
  playedPast,
  renderPage,
  resetEmulatorEachTest,
  spentToken,
  waitForElement,
} from './browserHelpers.js';

resetEmulatorEachTest();

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices. */
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** What axe finds wrong in `container`: one line per rule, with the elements it judged and why. */
async function violations(container: Element): Promise<string[]> {
  const results = await axe.run(container, {
    runOnly: { type: 'tag', values: tags },
    rules: {
      // A page-level best practice (all content inside landmarks): the page that places a component owns
      // its landmarks, and this test page has none.
      region: { enabled: false },
    },
    resultTypes: ['violations'],
  });
  return results.violations.map(
    ({ id, nodes }) =>
      `${id}: ${nodes.map((node) => `${node.target.join(' ')} (${node.failureSummary})`).join('; ')}`,
  );
}

/** A client whose `/session` never answers, so the placeholder stays. */
const pendingClient = () =>
  new SessionClient({ domains, storage: null, fetch: () => new Promise<Response>(() => {}) });

const loadingPlaceholder = (container: HTMLElement) =>
  waitForElement(() => container.querySelector('[data-private-thumbnail="loading"]'));

/** The thumbnail's `<img>`, once it has replaced the placeholder or the alert. */
const image = (alt: string) =>
  waitForElement(() => {
    const found = screen.queryByAltText(alt);
    return found instanceof HTMLImageElement ? found : null;
  });

const failThumbnailOnce = (videoId: string) =>
  control.addFault({ match: { videoId, kind: 'thumbnail' }, status: 500, count: 1 });

describe('PrivateThumbnail', () => {
  it.each([
    ['named', 'Intro'],
    ['decorative', ''],
  ])('loading placeholder (%s alt): no violations', async (_, alt) => {
    const { container } = renderPage(
      <PrivateThumbnail videoId="viGrid01" privateToken="pending" alt={alt} width={320} />,
      { client: pendingClient() },
    );
    await loadingPlaceholder(container);
    expect(await violations(container)).toEqual([]);
  });

  it('loaded image: no violations', async () => {
    const { privateToken } = await control.mintToken('viGrid01');
    const { container } = renderPage(
      <PrivateThumbnail videoId="viGrid01" privateToken={privateToken} alt="Intro" width={320} />,
    );
    await painted(await image('Intro'));
    expect(await violations(container)).toEqual([]);
  });

  it('failed image, message with "Try again": no violations', async () => {
    const { privateToken } = await control.mintToken('viGrid01');
    await failThumbnailOnce('viGrid01');
    const { container } = renderPage(
      <PrivateThumbnail videoId="viGrid01" privateToken={privateToken} alt="Intro" width={320} />,
    );
    const alert = await waitForElement(() => screen.queryByRole('status'));
    expect(alert.textContent).toContain('The thumbnail could not be loaded.');
    within(alert).getByRole('button', { name: 'Try again' });
    expect(await violations(container)).toEqual([]);
  });

  it('spent token, token-used message: no violations', async () => {
    const privateToken = await spentToken('viGrid01');
    const { container } = renderPage(
      <PrivateThumbnail videoId="viGrid01" privateToken={privateToken} alt="Intro" width={320} />,
    );
    const alert = await waitForElement(() => screen.queryByRole('status'));
    // Which video it is, on a line of its own (as a broken image shows its alt text), then the message.
    // biome-ignore lint/performance/useDomNodeTextContent: the lines as rendered are what this checks.
    expect(alert.innerText).toBe(
      'Intro\nThis private video link is no longer valid. Reload the page to get a new one.',
    );
    expect(await violations(container)).toEqual([]);
  });

  describe.each([
    ['linked (href)', 'link', { href: '/watch/viGrid01' }],
    ['clickable (onClick)', 'button', { onClick: () => {} }],
  ] as const)('%s', (_, role, props) => {
    it('loading placeholder: no violations', async () => {
      const { container } = renderPage(
        <PrivateThumbnail videoId="viGrid01" privateToken="pending" alt="Intro" width={320} {...props} />,
        { client: pendingClient() },
      );
      await loadingPlaceholder(container);
      screen.getByRole(role, { name: 'Intro' });
      expect(await violations(container)).toEqual([]);
    });

    it('loaded image: no violations', async () => {
      const { privateToken } = await control.mintToken('viGrid01');
      const { container } = renderPage(
        <PrivateThumbnail
          videoId="viGrid01"
          privateToken={privateToken}
          alt="Intro"
          width={320}
          {...props}
        />,
      );
      await painted(await image('Intro'));
      screen.getByRole(role, { name: 'Intro' });
      expect(await violations(container)).toEqual([]);
    });

    // label-content-name-mismatch (WCAG 2.5.3): the alert's text shows inside the link or button, so its
    // name must contain it (speech users say what they see), after `alt`, which says which video it is.
    it('failed image, message inside: no violations', async () => {
      const { privateToken } = await control.mintToken('viGrid01');
      await failThumbnailOnce('viGrid01');
      const { container } = renderPage(
        <PrivateThumbnail
          videoId="viGrid01"
          privateToken={privateToken}
          alt="Intro"
          width={320}
          {...props}
        />,
      );
      const alert = await waitForElement(() => screen.queryByRole('status'));
      expect(await violations(container)).toEqual([]);
      expect(
        screen.getByRole(role, { name: 'Intro: The thumbnail could not be loaded.' }).contains(alert),
      ).toBe(true);
    });
  });
});

describe('PrivateThumbnail "Try again"', () => {
  it('moves focus to the image that replaced the message, when the image failed', async () => {
    const { privateToken } = await control.mintToken('viGrid02');
    await failThumbnailOnce('viGrid02');
    const { container } = renderPage(
      <PrivateThumbnail videoId="viGrid02" privateToken={privateToken} alt="Flaky" width={320} />,
    );
    const button = await waitForElement(() => screen.queryByRole('button', { name: 'Try again' }));
    button.focus(); // where a click or the keyboard leaves it
    button.click();
    // The button is gone with the alert; without a move, focus would fall back to the page.
    const focused = await waitForElement(() =>
      document.activeElement instanceof HTMLImageElement ? document.activeElement : null,
    );
    expect(focused).toBe(await image('Flaky'));
    expect(focused.tabIndex).toBe(-1); // focusable by script only: no extra tab stop
    await painted(focused);
    expect(await violations(container)).toEqual([]);
  });

  it('moves focus to the placeholder while the session it opens again comes, then to the image, when the session failed', async () => {
    const { privateToken } = await control.mintToken('viGrid03');
    // Every attempt of the client's first open (it retries server errors twice).
    await control.addFault({ match: { videoId: 'viGrid03', kind: 'session' }, status: 503, count: 3 });
    // The retry's open, answered 1 s late: the placeholder stands meanwhile.
    await control.addFault({ match: { videoId: 'viGrid03', kind: 'session' }, after: 3, delayMs: 1_000 });
    renderPage(<PrivateThumbnail videoId="viGrid03" privateToken={privateToken} alt="Later" width={320} />);
    const button = await waitForElement(() => screen.queryByRole('button', { name: 'Try again' }));
    button.focus();
    button.click();
    // Not the page: a screen reader would start over from its top.
    const holding = await waitForElement(() =>
      document.activeElement instanceof HTMLSpanElement ? document.activeElement : null,
    );
    expect(holding).toBe(screen.getByRole('img', { name: 'Later', busy: true }));
    const focused = await waitForElement(() =>
      document.activeElement instanceof HTMLImageElement ? document.activeElement : null,
    );
    expect(focused).toBe(await image('Later'));
    expect(
      (await control.log()).filter((entry) => entry.kind === 'session').map((entry) => entry.status),
    ).toEqual([503, 503, 503, 200]);
  });

  it('moves focus to the next message\'s "Try again" when the image fails again, then to the image', async () => {
    const { privateToken } = await control.mintToken('viGrid05');
    await control.addFault({ match: { videoId: 'viGrid05', kind: 'thumbnail' }, status: 500, count: 2 });
    renderPage(<PrivateThumbnail videoId="viGrid05" privateToken={privateToken} alt="Twice" width={320} />);
    const first = await waitForElement(() => screen.queryByRole('button', { name: 'Try again' }));
    first.focus();
    first.click();
    // The first alert's button is gone; without a move, focus would fall back to the page.
    const second = await waitForElement(() =>
      document.activeElement instanceof HTMLButtonElement && document.activeElement !== first
        ? document.activeElement
        : null,
    );
    expect(second).toBe(screen.getByRole('button', { name: 'Try again' }));
    expect(second.tabIndex).toBe(0); // still in the tab order
    second.click();
    const focused = await waitForElement(() =>
      document.activeElement instanceof HTMLImageElement ? document.activeElement : null,
    );
    expect(focused).toBe(await image('Twice'));
  });

  it('moves focus to the next message\'s "Try again" when the session fails again', async () => {
    const { privateToken } = await control.mintToken('viGrid06');
    // Every attempt of the client's first two opens (it retries server errors twice).
    await control.addFault({ match: { videoId: 'viGrid06', kind: 'session' }, status: 503, count: 6 });
    const errors: unknown[] = [];
    renderPage(
      <PrivateThumbnail
        videoId="viGrid06"
        privateToken={privateToken}
        alt="Down"
        width={320}
        onError={(error) => errors.push(error)}
      />,
    );
    const first = await waitForElement(() => screen.queryByRole('button', { name: 'Try again' }));
    first.focus();
    first.click();
    const second = await waitForElement(() =>
      errors.length === 2 && document.activeElement instanceof HTMLButtonElement
        ? document.activeElement
        : null,
    );
    expect(second).not.toBe(first); // the placeholder stood in between
    expect(second).toBe(screen.getByRole('button', { name: 'Try again' }));
  });

  it('moves focus to the next message when the image fails again so that no "Try again" is offered', async () => {
    const { privateToken } = await control.mintToken('viGrid07');
    await failThumbnailOnce('viGrid07');
    renderPage(<PrivateThumbnail videoId="viGrid07" privateToken={privateToken} alt="Ended" width={320} />);
    const button = await waitForElement(() => screen.queryByRole('button', { name: 'Try again' }));
    // The retry's image then meets a session the delivery has ended, which nothing here can renew.
    await control.expireSessions({ videoId: 'viGrid07' });
    button.focus();
    button.click();
    const alert = await waitForElement(() =>
      document.activeElement?.getAttribute('role') === 'status' ? document.activeElement : null,
    );
    expect(alert).toBe(screen.getByRole('status'));
    expect(alert.getAttribute('data-private-video-error')).toBe('session-expired');
    expect(within(alert as HTMLElement).queryByRole('button')).toBeNull();
    expect((alert as HTMLElement).tabIndex).toBe(-1); // focusable by script only: no extra tab stop
  });

  it('does not make a decorative image (empty alt) focusable to move focus to it', async () => {
    const { privateToken } = await control.mintToken('viGrid04');
    await failThumbnailOnce('viGrid04');
    const { container } = renderPage(
      <PrivateThumbnail videoId="viGrid04" privateToken={privateToken} alt="" width={320} />,
    );
    const button = await waitForElement(() => screen.queryByRole('button', { name: 'Try again' }));
    button.focus();
    button.click();
    const decorative = await waitForElement(() => container.querySelector('img'));
    await painted(decorative);
    // Focusable, it would lose its decorative role and be announced as an unnamed image.
    expect(await violations(container)).toEqual([]);
    expect(decorative.hasAttribute('tabindex')).toBe(false);
    expect(document.activeElement).not.toBe(decorative);
  });

  it('a decorative thumbnail given another video after a retry does not move focus to its failure', async () => {
    const { privateToken } = await control.mintToken('viGrid04');
    await failThumbnailOnce('viGrid04');
    const page = (videoId: string, token: string) => (
      <PrivateVideoProvider domains={domains} storage={null}>
        <PrivateThumbnail videoId={videoId} privateToken={token} alt="" width={320} />
      </PrivateVideoProvider>
    );
    const { container, rerender } = render(page('viGrid04', privateToken));
    const button = await waitForElement(() => screen.queryByRole('button', { name: 'Try again' }));
    button.focus();
    button.click();
    await painted(await waitForElement(() => container.querySelector('img')));
    // A recycled card: the next video's token is spent. Its message was not asked for: it takes no focus.
    rerender(page('viGrid05', await spentToken('viGrid05')));
    await waitForElement(() => screen.queryByRole('status'));
    expect(document.activeElement).toBe(document.body);
  });
});

const engines: PlaybackEngineName[] = ['hls.js', 'video.js'];

/**
 * A spent private token whose open and first retry fail as `token-used` (each replaces a spent token once, and
 * gets a spent one again), and whose second retry gets a fresh one.
 */
async function spentTokenFailingTwiceThenFresh() {
  const privateToken = await spentToken('viPrivateTs');
  const { getPrivateToken, calls } = await getPrivateTokenSpentFirst('viPrivateTs', 3);
  return { privateToken, getPrivateToken, renewals: calls };
}

describe.each(engines)('PrivateVideoPlayer (%s)', (engine) => {
  it('playing, with controls: no violations', async () => {
    const { privateToken } = await control.mintToken('viPrivateTs');
    const video = captureVideo();
    const { container } = renderPage(
      <PrivateVideoPlayer
        ref={video.ref}
        videoId="viPrivateTs"
        privateToken={privateToken}
        engine={engine}
        controls
        muted
        autoPlay
        playsInline
      />,
    );
    await playedPast(await video.promise, 0.5);
    expect(await violations(container)).toEqual([]);
  });

  it('error alert with "Try again" (a spent token, getPrivateToken): no violations', async () => {
    const privateToken = await spentToken('viPrivateTs');
    // Its replacement is spent too: the open fails as `token-used`.
    const { getPrivateToken } = await getPrivateTokenSpentFirst('viPrivateTs');
    const { container } = renderPage(
      <PrivateVideoPlayer
        videoId="viPrivateTs"
        privateToken={privateToken}
        engine={engine}
        controls
        getPrivateToken={getPrivateToken}
      />,
    );
    const alert = await waitForElement(() => screen.queryByRole('alert'));
    expect(alert.textContent).toContain('This private video link is no longer valid.');
    within(alert).getByRole('button', { name: 'Try again' });
    expect(await violations(container)).toEqual([]);
  });

  it('a retry that fails again: focus goes to the next alert\'s "Try again", then to the video', async () => {
    const { privateToken, getPrivateToken, renewals } = await spentTokenFailingTwiceThenFresh();
    let rendered: HTMLVideoElement | null = null;
    const errors: PrivateVideoError[] = [];
    renderPage(
      <PrivateVideoPlayer
        ref={(element) => {
          rendered = element; // video.js players create a new <video> each time they start
        }}
        onError={(error) => errors.push(error)}
        videoId="viPrivateTs"
        privateToken={privateToken}
        engine={engine}
        controls
        muted
        autoPlay
        getPrivateToken={getPrivateToken}
      />,
    );
    // What a wait that times out reports, with the condition it waited for.
    const state = () => ({
      errors: errors.map((error) => error.code),
      renewals: renewals(),
      alerts: screen.queryAllByRole('alert').length,
    });
    const first = await waitForElement(() => screen.queryByRole('button', { name: 'Try again' }), { state });
    first.focus(); // where a click or the keyboard leaves it
    first.click();
    // The renewal gets spent tokens only: a new alert (or the same one, when React never rendered the player
    // in between), whose button has the focus the first one had.
    const second = await waitForElement(
      () =>
        errors.length === 2 && document.activeElement instanceof HTMLButtonElement
          ? document.activeElement
          : null,
      { state },
    );
    expect(second).toBe(within(screen.getByRole('alert')).getByRole('button', { name: 'Try again' }));
    expect(errors.map((error) => error.code)).toEqual(['token-used', 'token-used']);
    second.click();
    const focused = await waitForElement(
      () => (document.activeElement instanceof HTMLVideoElement ? document.activeElement : null),
      { state },
    );
    expect(focused).toBe(rendered);
    expect(renewals()).toBe(4);
    await playedPast(focused, 0.5);
  });

  it('a retry given for an earlier failure, used once the next one came: focus still goes to the video', async () => {
    const { privateToken, getPrivateToken, renewals } = await spentTokenFailingTwiceThenFresh();
    let rendered: HTMLVideoElement | null = null;
    // The first failure's retry, kept: what a "Try again" calls when it is clicked before React rendered
    // the next failure (a rare moment for a viewer; an app retrying from `onError` is always in it).
    let firstRetry: (() => void) | undefined;
    const errors: PrivateVideoError[] = [];
    renderPage(
      <PrivateVideoPlayer
        ref={(element) => {
          rendered = element;
        }}
        onError={(error) => {
          errors.push(error);
          if (errors.length === 2) firstRetry?.();
        }}
        renderError={(error, retry) => {
          firstRetry ??= retry;
          return <p role="alert">{error.code}</p>;
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
    const state = () => ({ errors: errors.map((error) => error.code), renewals: renewals() });
    const retryFirst = await waitForElement(() => firstRetry, { state });
    retryFirst(); // renews with spent tokens only, and fails again; that failure's `onError` retries
    const focused = await waitForElement(
      () => (document.activeElement instanceof HTMLVideoElement ? document.activeElement : null),
      { state },
    );
    expect(focused).toBe(rendered);
    expect(errors.map((error) => error.code)).toEqual(['token-used', 'token-used']);
    expect(renewals()).toBe(4);
    await playedPast(focused, 0.5);
  });

  it('a retry that brings back a video without controls focuses it, by script only', async () => {
    const privateToken = await spentToken('viPrivateTs');
    const { getPrivateToken } = await getPrivateTokenSpentFirst('viPrivateTs');
    let rendered: HTMLVideoElement | null = null;
    renderPage(
      <PrivateVideoPlayer
        ref={(element) => {
          rendered = element;
        }}
        videoId="viPrivateTs"
        privateToken={privateToken}
        engine={engine}
        muted
        autoPlay
        getPrivateToken={getPrivateToken}
      />,
    );
    const button = await waitForElement(() => screen.queryByRole('button', { name: 'Try again' }));
    button.focus();
    button.click();
    // Without controls a `<video>` takes no focus (though its `tabIndex` reads 0): it would fall to the page.
    const focused = await waitForElement(() =>
      document.activeElement instanceof HTMLVideoElement ? document.activeElement : null,
    );
    expect(focused).toBe(rendered);
    expect(focused.getAttribute('tabindex')).toBe('-1'); // no extra tab stop
    await playedPast(focused, 0.5);
  });

  it('error alert without "Try again" (a spent token): no violations', async () => {
    const privateToken = await spentToken('viPrivateTs');
    const { container } = renderPage(
      <PrivateVideoPlayer videoId="viPrivateTs" privateToken={privateToken} engine={engine} controls />,
    );
    const alert = await waitForElement(() => screen.queryByRole('alert'));
    expect(alert.textContent).toContain('This private video link is no longer valid.');
    expect(within(alert).queryByRole('button')).toBeNull();
    expect(await violations(container)).toEqual([]);
  });
});

describe('ClickToPlay example', () => {
  it.each(engines)('the %s player it turns into keeps the focus the example gives it', async (engine) => {
    const { privateToken } = await control.mintToken('viPrivateFmp4');
    const { container } = renderPage(
      <ClickToPlay videoId="viPrivateFmp4" privateToken={privateToken} alt="Play" engine={engine} />,
    );
    await painted(await image('Play'));
    const thumbnail = screen.getByRole('button', { name: 'Play' });
    thumbnail.focus();
    thumbnail.click();
    const video = await waitForElement(() => container.querySelector('video'));
    await playedPast(video, 0.5);
    // video.js has moved the `<video>` into its wrapper by now, which dropped the focus given as it mounted.
    expect(video.closest('.video-js') !== null).toBe(engine === 'video.js');
    expect(document.activeElement).toBe(video);
  });

  it.each(engines)('the thumbnail, then the %s player it turns into: no violations', async (engine) => {
    const { privateToken } = await control.mintToken('viPrivateFmp4');
    const { container } = renderPage(
      <ClickToPlay videoId="viPrivateFmp4" privateToken={privateToken} alt="Play" engine={engine} />,
    );
    await painted(await image('Play'));
    expect(await violations(container)).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    const video = await waitForElement(() => container.querySelector('video'));
    await playedPast(video, 0.5);
    expect(await violations(container)).toEqual([]);
  });
});
