import { deferred, json } from '@private-video/test-utils';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Component, type ReactNode, version } from 'react';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { PrivateThumbnail } from './PrivateThumbnail.js';
import { stubIntersectionObserver } from './test-utils/intersectionObserver.js';
import { renderWithClient } from './test-utils/render.js';

const thumbnailUrl = 'https://vod.api.video/vod/vi1/token/pt1/thumbnail.jpg';
const manifestUrl = 'https://vod.api.video/vod/vi1/token/pt1/hls/manifest.m3u8';

/**
 * The session check a failed image makes (the browser says nothing of why it failed): its probe answered
 * with `status`, or failing with the error given.
 */
function stubProbe(answer: number | Error) {
  const probe = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => {
    if (answer instanceof Error) throw answer;
    return new Response('', { status: answer });
  });
  vi.stubGlobal('fetch', probe);
  return probe;
}

describe('PrivateThumbnail', () => {
  it('shows a fixed-ratio placeholder, then the thumbnail signed with the session', async () => {
    const { delivery } = renderWithClient(<PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Intro" />);
    const placeholder = screen.getByRole('img', { name: 'Intro' });
    expect(placeholder.tagName).toBe('SPAN');
    expect(placeholder.getAttribute('aria-busy')).toBe('true');
    expect(placeholder.style.aspectRatio).toBe('16 / 9');
    const image = await waitFor(() => {
      const found = screen.getByRole('img', { name: 'Intro' });
      expect(found.tagName).toBe('IMG');
      return found;
    });
    expect(image.getAttribute('src')).toBe(`${thumbnailUrl}?avh=st-1`);
    expect(image.getAttribute('loading')).toBe('lazy');
    expect(image.style.aspectRatio).toBe('16 / 9');
    expect(delivery.requests).toEqual(['https://vod.api.video/vod/vi1/token/pt1/session']);
  });

  it('shows no image signed with a session that expired by the clock: it renews, and shows the new one', async () => {
    const { container } = renderWithClient(
      <PrivateThumbnail
        videoId="vi1"
        privateToken="pt1"
        alt="Intro"
        session={{ token: 'st-old', expiresAt: 1_000 }}
      />,
      { client: { now: () => 2_000, getPrivateToken: async () => 'pt2' } },
    );
    expect(container.querySelector('img')).toBeNull();
    await waitFor(() =>
      expect(container.querySelector('img')?.getAttribute('src')).toBe(
        'https://vod.api.video/vod/vi1/token/pt2/thumbnail.jpg?avh=st-1',
      ),
    );
  });

  it('renews an eager thumbnail whose session expired by the clock while it showed, at its next render', async () => {
    let time = 1_000_000;
    const ui = (className: string) => (
      <PrivateThumbnail
        videoId="vi1"
        privateToken="pt1"
        alt="Card"
        openSession="eager"
        className={className}
      />
    );
    const { delivery, rerender } = renderWithClient(ui('a'), {
      client: { now: () => time, sessionTtl: 5_000, getPrivateToken: async () => 'pt2' },
    });
    await waitFor(() => expect(screen.getByAltText('Card').tagName).toBe('IMG'));
    time += 6_000;
    rerender(ui('b'));
    await waitFor(() =>
      expect(screen.getByAltText('Card').getAttribute('src')).toBe(
        'https://vod.api.video/vod/vi1/token/pt2/thumbnail.jpg?avh=st-2',
      ),
    );
    expect(delivery.fetch).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['with a getPrivateToken', async () => 'pt2'],
    ['without one', undefined],
  ])(
    'keeps an image that loaded when its session expires (a page left open past its life, rendered again), %s',
    async (_, getPrivateToken) => {
      let time = 1_000_000;
      const onLoad = vi.fn();
      const ui = (className: string) => (
        <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Card" className={className} onLoad={onLoad} />
      );
      const { delivery, rerender } = renderWithClient(ui('a'), {
        client: { now: () => time, sessionTtl: 5_000, getPrivateToken },
      });
      const image = await waitFor(() => {
        const found = screen.getByAltText('Card');
        expect(found.tagName).toBe('IMG');
        return found;
      });
      fireEvent.load(image);
      expect(onLoad).toHaveBeenCalledTimes(1); // the app's own, still called
      time += 6_000;
      rerender(ui('b'));
      await act(async () => {}); // what an effect would open
      // Its pixels need no session: no renewal (a private token spent for nothing), no error in its place.
      expect(screen.getByAltText('Card')).toBe(image);
      expect(image.getAttribute('src')).toBe(`${thumbnailUrl}?avh=st-1`);
      expect(delivery.fetch).toHaveBeenCalledTimes(1);
      expect(screen.queryByRole('status')).toBeNull();
    },
  );

  it('is a link with href, a button with only onClick, a plain image otherwise', async () => {
    const onClick = vi.fn();
    renderWithClient(
      <>
        <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Link" href="/watch/vi1" />
        <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Button" onClick={onClick} />
        <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Plain" />
      </>,
    );
    expect(screen.getByRole('link', { name: 'Link' }).getAttribute('href')).toBe('/watch/vi1');
    const button = screen.getByRole('button', { name: 'Button' });
    expect(button.getAttribute('type')).toBe('button');
    fireEvent.click(button);
    expect(onClick).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.getByAltText('Plain').tagName).toBe('IMG'));
    expect(screen.getByAltText('Plain').parentElement?.tagName).toBe('DIV'); // the test container
  });

  it('passes <img> props through and keeps its box in every state', async () => {
    renderWithClient(
      <PrivateThumbnail
        videoId="vi1"
        privateToken="pt1"
        alt="Intro"
        className="thumb"
        style={{ borderRadius: 4 }}
        sizes="50vw"
        decoding="sync"
        data-testid="thumb"
        width={320}
        aspectRatio="4 / 3"
      />,
    );
    const before = screen.getByRole('img', { name: 'Intro' });
    expect(before.className).toBe('thumb');
    expect(before.style.width).toBe('320px');
    expect(before.style.aspectRatio).toBe('4 / 3');
    await waitFor(() => expect(screen.getByAltText('Intro').tagName).toBe('IMG'));
    const image = screen.getByTestId('thumb');
    expect(image.getAttribute('alt')).toBe('Intro');
    expect(image.className).toBe('thumb');
    expect(image.style.borderRadius).toBe('4px');
    expect(image.style.aspectRatio).toBe('4 / 3');
    expect(image.getAttribute('width')).toBe('320');
    expect(image.getAttribute('sizes')).toBe('50vw');
    expect(image.getAttribute('decoding')).toBe('sync');
  });

  it('spends no private token until it nears the viewport', async () => {
    const io = stubIntersectionObserver();
    const { delivery } = renderWithClient(
      <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Below" rootMargin="400px" />,
    );
    const placeholder = screen.getByRole('img', { name: 'Below' });
    await waitFor(() => expect(io.observers).toHaveLength(1));
    expect(io.observers[0]?.options?.rootMargin).toBe('400px');
    expect(delivery.fetch).not.toHaveBeenCalled();
    act(() => io.enter(placeholder));
    await waitFor(() => expect(screen.getByAltText('Below').tagName).toBe('IMG'));
    expect(delivery.fetch).toHaveBeenCalledTimes(1);
    expect(io.observers).toHaveLength(0);
  });

  it('opens at once with openSession="eager", and where there is no IntersectionObserver', async () => {
    const io = stubIntersectionObserver();
    const { delivery, unmount } = renderWithClient(
      <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Eager" openSession="eager" />,
    );
    await waitFor(() => expect(delivery.fetch).toHaveBeenCalledTimes(1));
    expect(io.observers).toHaveLength(0);
    unmount();

    vi.stubGlobal('IntersectionObserver', undefined);
    const second = renderWithClient(<PrivateThumbnail videoId="vi2" privateToken="pt2" alt="No IO" />);
    await waitFor(() => expect(second.delivery.fetch).toHaveBeenCalledTimes(1));
  });

  it('loads at once, saying why on the console, when the browser cannot read its rootMargin', async () => {
    const unreadable = new SyntaxError(
      "Failed to construct 'IntersectionObserver': rootMargin must be in pixels",
    );
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor() {
          throw unreadable;
        }
      },
    );
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { delivery } = renderWithClient(
      <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="No unit" rootMargin="200" />,
    );
    await waitFor(() => expect(screen.getByAltText('No unit').getAttribute('src')).toMatch(/\?avh=/));
    expect(delivery.fetch).toHaveBeenCalledTimes(1);
    expect(consoleError).toHaveBeenCalledWith(unreadable);
  });

  it('says when the private token was already used, as a status message with its cause, and calls onError', async () => {
    const onError = vi.fn();
    renderWithClient(<PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Used" onError={onError} />, {
      delivery: (delivery) => delivery.spend('pt1'),
    });
    const alert = await screen.findByRole('status');
    expect(alert.textContent).toMatch(/no longer valid/);
    // The player's alert says its cause the same way, for an app's styles.
    expect(alert.dataset.privateVideoError).toBe('token-used');
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'token-used' });
  });

  it('says which video failed: its alt heads the message, as a broken image shows its alt text', async () => {
    renderWithClient(
      <>
        <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Intro" />
        <PrivateThumbnail videoId="vi2" privateToken="pt2" alt="" />
      </>,
      {
        delivery: (delivery) => {
          delivery.spend('pt1');
          delivery.spend('pt2');
        },
      },
    );
    await waitFor(() => expect(screen.getAllByRole('status')).toHaveLength(2));
    const [named, decorative] = screen.getAllByRole('status');
    const message = 'This private video link is no longer valid. Reload the page to get a new one.';
    // Its own line (the alert is a flex column): a screen reader says "Intro", then the message.
    expect(named?.firstElementChild?.outerHTML).toBe('<strong>Intro </strong>');
    expect(named?.textContent).toBe(`Intro ${message}`);
    // Nothing to say for a decorative one: no empty line above the message either.
    expect(decorative?.children).toHaveLength(0);
    expect(decorative?.textContent).toBe(message);
  });

  it('calls onError once per failure: once under StrictMode, and again for the next video failing alike', async () => {
    const onError = vi.fn();
    const { rerender } = renderWithClient(
      <PrivateThumbnail src="not a video" alt="Bad" onError={onError} />,
      {
        strict: true,
      },
    );
    await act(async () => {});
    expect(onError).toHaveBeenCalledTimes(1);
    rerender(<PrivateThumbnail src="not a video either" alt="Bad" onError={onError} />);
    await act(async () => {});
    expect(onError).toHaveBeenCalledTimes(2);
    expect(onError.mock.calls[1]?.[0]).not.toBe(onError.mock.calls[0]?.[0]);
  });

  it('writes a failure no onError handles to the console, once per failure (StrictMode too)', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    onTestFinished(() => consoleError.mockRestore());
    const { rerender } = renderWithClient(<PrivateThumbnail src="not a video" alt="Bad" />, { strict: true });
    await act(async () => {});
    expect(consoleError).toHaveBeenCalledTimes(1);
    expect(consoleError.mock.calls[0]?.[0]).toMatchObject({ code: 'invalid-source' });
    rerender(<PrivateThumbnail src="not a video either" alt="Bad" />);
    await act(async () => {});
    expect(consoleError).toHaveBeenCalledTimes(2);
  });

  it('writes nothing to the console for a failure onError handles', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    onTestFinished(() => consoleError.mockRestore());
    const onError = vi.fn();
    renderWithClient(<PrivateThumbnail src="not a video" alt="Bad" onError={onError} />, { strict: true });
    await act(async () => {});
    expect(onError).toHaveBeenCalledTimes(1);
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('stays named by alt as a link or a button when it fails, with the text of the message inside it', async () => {
    renderWithClient(
      <>
        <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Link" href="/watch/vi1" />
        <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Button" onClick={() => {}} />
      </>,
      { delivery: (delivery) => delivery.spend('pt1') },
    );
    await waitFor(() => expect(screen.getAllByRole('status')).toHaveLength(2));
    const message = 'This private video link is no longer valid. Reload the page to get a new one.';
    // The alert's text (`alt`, then the message) is the name (WCAG 2.5.3, label in name).
    const button = screen.getByRole('button', { name: `Button: ${message}` });
    expect(within(button).getByRole('status').textContent).toBe(`Button ${message}`);
    expect(
      within(screen.getByRole('link', { name: `Link: ${message}` })).getByRole('status').textContent,
    ).toBe(`Link ${message}`);
  });

  it("is named by its message's text as a link or a button without alt when it fails (Chromium would not)", async () => {
    renderWithClient(
      <>
        <PrivateThumbnail videoId="vi1" privateToken="pt1" href="/watch/vi1" />
        <PrivateThumbnail videoId="vi1" privateToken="pt1" onClick={() => {}} />
      </>,
      { delivery: (delivery) => delivery.spend('pt1') },
    );
    await waitFor(() => expect(screen.getAllByRole('status')).toHaveLength(2));
    // Chromium leaves a live region's text out of a name computed from content: said in `aria-label`.
    const message = 'This private video link is no longer valid. Reload the page to get a new one.';
    expect(screen.getByRole('link').getAttribute('aria-label')).toBe(message);
    expect(screen.getByRole('button').getAttribute('aria-label')).toBe(message);
  });

  it('gives renderError no retry inside a link or a button (interactive content cannot nest)', async () => {
    stubProbe(200); // the image itself failed: worth a retry
    const retries: Record<string, unknown> = {};
    const renderError = (name: string) => (_error: unknown, retry: (() => void) | undefined) => {
      retries[name] = retry;
      return <span>{name} failed</span>;
    };
    renderWithClient(
      <>
        <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Plain" renderError={renderError('plain')} />
        <PrivateThumbnail
          videoId="vi1"
          privateToken="pt1"
          alt="Link"
          href="/x"
          renderError={renderError('link')}
        />
        <PrivateThumbnail
          videoId="vi1"
          privateToken="pt1"
          alt="Button"
          onClick={() => {}}
          renderError={renderError('button')}
        />
      </>,
    );
    await waitFor(() => expect(screen.getByAltText('Button').tagName).toBe('IMG'));
    for (const alt of ['Plain', 'Link', 'Button']) fireEvent.error(screen.getByAltText(alt));
    await screen.findByText('button failed');
    await screen.findByText('plain failed');
    expect(typeof retries.plain).toBe('function');
    expect(retries.link).toBeUndefined();
    expect(retries.button).toBeUndefined();
  });

  it('stays named by alt alone as a link when renderError replaces the message (its text is not known)', async () => {
    renderWithClient(
      <PrivateThumbnail
        videoId="vi1"
        privateToken="pt1"
        alt="Link"
        href="/watch/vi1"
        renderError={() => <span>Unavailable</span>}
      />,
      { delivery: (delivery) => delivery.spend('pt1') },
    );
    await screen.findByText('Unavailable');
    expect(screen.getByRole('link').getAttribute('aria-label')).toBe('Link');
  });

  it('has a message per cause, and renderError replaces it', async () => {
    renderWithClient(
      <PrivateThumbnail
        videoId="vi1"
        privateToken="pt1"
        renderError={(error, retry) => (
          <p>
            custom {error.code} {retry ? 'retryable' : 'final'}
          </p>
        )}
      />,
      { delivery: (delivery) => delivery.answer(new Response('', { status: 403 })) },
    );
    expect((await screen.findByText(/custom/)).textContent).toBe('custom forbidden final');
  });

  it('reports a thumbnail that fails to load on a live session (the probe, the signed manifest, answered)', async () => {
    const probe = stubProbe(200);
    renderWithClient(<PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Broken" />);
    await waitFor(() => expect(screen.getByAltText('Broken').tagName).toBe('IMG'));
    fireEvent.error(screen.getByAltText('Broken'));
    const alert = await screen.findByRole('status');
    expect(alert.textContent).toBe('Broken The thumbnail could not be loaded.Try again');
    expect(alert.dataset.privateVideoError).toBe('media');
    expect(probe.mock.calls.map(([url]) => String(url))).toEqual([`${manifestUrl}?avh=st-1`]);
  });

  it.each([
    ['', false],
    [' (StrictMode)', true],
  ])(
    "renews a session the delivery has ended through getPrivateToken, and shows the new one's image%s",
    async (_, strict) => {
      const probe = stubProbe(404);
      const getPrivateToken = vi.fn(async () => 'pt2');
      const { delivery } = renderWithClient(
        <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Ended" />,
        {
          client: { getPrivateToken },
          strict,
        },
      );
      await waitFor(() => expect(screen.getByAltText('Ended').tagName).toBe('IMG'));
      fireEvent.error(screen.getByAltText('Ended'));
      await waitFor(() =>
        expect(screen.getByAltText('Ended').getAttribute('src')).toBe(
          'https://vod.api.video/vod/vi1/token/pt2/thumbnail.jpg?avh=st-2',
        ),
      );
      expect(getPrivateToken).toHaveBeenCalledTimes(1);
      expect(probe).toHaveBeenCalledTimes(1);
      expect(delivery.requests).toHaveLength(2); // the two sessions
      expect(screen.queryByRole('status')).toBeNull();
    },
  );

  it('renews nothing for an image found broken as it mounted (decode), unmounted while checked', async () => {
    const answer = deferred<Response>();
    const probe = vi.fn(() => answer.promise);
    vi.stubGlobal('fetch', probe);
    vi.spyOn(HTMLImageElement.prototype, 'complete', 'get').mockReturnValue(true);
    vi.spyOn(HTMLImageElement.prototype, 'naturalWidth', 'get').mockReturnValue(0);
    vi.spyOn(HTMLImageElement.prototype, 'decode').mockRejectedValue(new Error('broken'));
    const getPrivateToken = vi.fn(async () => 'pt2');
    const { unmount } = renderWithClient(<PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Ended" />, {
      client: { getPrivateToken },
    });
    await waitFor(() => expect(probe).toHaveBeenCalledTimes(1));
    unmount();
    await act(async () => answer.resolve(new Response('', { status: 404 })));
    expect(getPrivateToken).not.toHaveBeenCalled();
  });

  it('renews nothing for a thumbnail unmounted while its session was checked (StrictMode too)', async () => {
    const answer = deferred<Response>();
    const probe = vi.fn(() => answer.promise);
    vi.stubGlobal('fetch', probe);
    const getPrivateToken = vi.fn(async () => 'pt2');
    const { unmount } = renderWithClient(<PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Ended" />, {
      client: { getPrivateToken },
      strict: true,
    });
    await waitFor(() => expect(screen.getByAltText('Ended').tagName).toBe('IMG'));
    fireEvent.error(screen.getByAltText('Ended'));
    expect(probe).toHaveBeenCalledTimes(1);
    unmount(); // a feed scrolled on: nobody shows this video any more
    await act(async () => answer.resolve(new Response('', { status: 404 })));
    expect(getPrivateToken).not.toHaveBeenCalled();
  });

  it('renews nothing for the video it showed, given another while that one was checked (StrictMode too)', async () => {
    const answer = deferred<Response>();
    const probe = vi.fn(() => answer.promise);
    vi.stubGlobal('fetch', probe);
    const getPrivateToken = vi.fn(async () => 'pt2');
    const { rerender, delivery } = renderWithClient(
      <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Ended" />,
      { client: { getPrivateToken }, strict: true },
    );
    await waitFor(() => expect(screen.getByAltText('Ended').tagName).toBe('IMG'));
    fireEvent.error(screen.getByAltText('Ended'));
    expect(probe).toHaveBeenCalledTimes(1);
    rerender(<PrivateThumbnail videoId="vi3" privateToken="pt3" alt="Next" />); // a list item reused
    await waitFor(() => expect(screen.getByAltText('Next').tagName).toBe('IMG'));
    await act(async () => answer.resolve(new Response('', { status: 404 })));
    expect(getPrivateToken).not.toHaveBeenCalled();
    expect(delivery.requests).toEqual([
      'https://vod.api.video/vod/vi1/token/pt1/session',
      'https://vod.api.video/vod/vi3/token/pt3/session',
    ]);
  });

  it('shows why the renewal of an ended session failed, and renews on "Try again"', async () => {
    stubProbe(404);
    const getPrivateToken = vi.fn().mockRejectedValueOnce(new Error('backend down')).mockResolvedValue('pt2');
    renderWithClient(<PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Ended" />, {
      client: { getPrivateToken },
    });
    await waitFor(() => expect(screen.getByAltText('Ended').tagName).toBe('IMG'));
    fireEvent.error(screen.getByAltText('Ended'));
    const alert = await screen.findByRole('status');
    expect(alert.dataset.privateVideoError).toBe('renewal-failed');
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() =>
      expect(screen.getByAltText('Ended').getAttribute('src')).toBe(
        'https://vod.api.video/vod/vi1/token/pt2/thumbnail.jpg?avh=st-2',
      ),
    );
    expect(getPrivateToken).toHaveBeenCalledTimes(2);
  });

  it('says the session has ended where no getPrivateToken can renew it, with no "Try again"', async () => {
    stubProbe(404);
    renderWithClient(<PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Ended" />);
    await waitFor(() => expect(screen.getByAltText('Ended').tagName).toBe('IMG'));
    fireEvent.error(screen.getByAltText('Ended'));
    const alert = await screen.findByRole('status');
    expect(alert.dataset.privateVideoError).toBe('session-expired');
    expect(alert.querySelector('button')).toBeNull();
  });

  it('says the thumbnail got no answer when its session check gets none either, and loads it again on retry', async () => {
    stubProbe(new TypeError('Failed to fetch'));
    renderWithClient(<PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Offline" />);
    await waitFor(() => expect(screen.getByAltText('Offline').tagName).toBe('IMG'));
    fireEvent.error(screen.getByAltText('Offline'));
    const alert = await screen.findByRole('status');
    expect(alert.dataset.privateVideoError).toBe('network');
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(screen.getByAltText('Offline').getAttribute('src')).toBe(`${thumbnailUrl}?avh=st-1`);
  });

  it('offers "Try again" when it may help, unless the thumbnail is a link or button', async () => {
    stubProbe(200);
    renderWithClient(
      <>
        <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Plain" />
        <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Link" href="/watch/vi1" />
      </>,
    );
    await waitFor(() => expect(screen.getByAltText('Plain').tagName).toBe('IMG'));
    const failed = screen.getByAltText('Plain');
    fireEvent.error(failed);
    fireEvent.error(screen.getByAltText('Link'));
    const [plain, link] = await screen.findAllByRole('status');
    expect(link!.querySelector('button')).toBeNull();
    fireEvent.click(within(plain!).getByRole('button', { name: 'Try again' }));
    const image = screen.getByAltText('Plain');
    expect(image).not.toBe(failed);
    expect(image.getAttribute('src')).toBe(`${thumbnailUrl}?avh=st-1`);
  });

  it('offers no "Try again" for a spent private token', async () => {
    renderWithClient(<PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Used" />, {
      delivery: (delivery) => delivery.spend('pt1'),
    });
    expect((await screen.findByRole('status')).querySelector('button')).toBeNull();
  });

  it('loads a failed thumbnail again on retry', async () => {
    stubProbe(200);
    renderWithClient(
      <PrivateThumbnail
        videoId="vi1"
        privateToken="pt1"
        alt="Flaky"
        renderError={(error, retry) => (
          <button type="button" onClick={retry}>
            retry after {error.code}
          </button>
        )}
      />,
    );
    await waitFor(() => expect(screen.getByAltText('Flaky').tagName).toBe('IMG'));
    const failed = screen.getByAltText('Flaky');
    fireEvent.error(failed);
    fireEvent.click(await screen.findByRole('button', { name: 'retry after media' }));
    const image = screen.getByAltText('Flaky');
    expect(image).not.toBe(failed);
    expect(image.getAttribute('src')).toBe(`${thumbnailUrl}?avh=st-1`);
  });

  it('reports a source it cannot read without any request', () => {
    const { delivery } = renderWithClient(
      <PrivateThumbnail src="https://example.com/not-a-video" alt="Bad" />,
    );
    expect(screen.getByRole('status').textContent).toBe('Bad This video link is not valid.');
    expect(delivery.fetch).not.toHaveBeenCalled();
  });

  it('shows a public video without any session request', async () => {
    const { delivery } = renderWithClient(<PrivateThumbnail videoId="vi1" alt="Public" />);
    await waitFor(() => expect(screen.getByAltText('Public').tagName).toBe('IMG'));
    expect(screen.getByAltText('Public').getAttribute('src')).toBe(
      'https://vod.api.video/vod/vi1/thumbnail.jpg',
    );
    expect(delivery.fetch).not.toHaveBeenCalled();
  });

  it('accepts any asset URL, the API video object and custom domains', async () => {
    const { delivery } = renderWithClient(
      <>
        <PrivateThumbnail src="https://embed.api.video/vod/vi1?token=pt1" alt="Embed" />
        <PrivateThumbnail
          video={{
            videoId: 'vi2',
            public: false,
            assets: { hls: 'https://cdn.example.com/vod/vi2/token/pt2/hls/manifest.m3u8' },
          }}
          domains={{ vod: 'cdn.example.com' }}
          alt="Object"
        />
      </>,
    );
    await waitFor(() => expect(screen.getByAltText('Object').tagName).toBe('IMG'));
    expect(screen.getByAltText('Object').getAttribute('src')).toBe(
      'https://cdn.example.com/vod/vi2/token/pt2/thumbnail.jpg?avh=st-2',
    );
    await waitFor(() =>
      expect(screen.getByAltText('Embed').getAttribute('src')).toBe(`${thumbnailUrl}?avh=st-1`),
    );
    expect(delivery.requests).toHaveLength(2);
  });

  it('uses a server-opened session without any request', () => {
    const { delivery } = renderWithClient(
      <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Server" session={{ token: 'server-st' }} />,
    );
    expect(screen.getByAltText('Server').getAttribute('src')).toBe(`${thumbnailUrl}?avh=server-st`);
    expect(delivery.fetch).not.toHaveBeenCalled();
  });

  it('throws a server session it cannot take to the error boundary, and spends nothing', async () => {
    const caught: unknown[] = [];
    // React reports what a boundary caught on the console; the boundary's record is what is checked.
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    // An expiry serialised as a date string, as JSON gives one, rather than epoch ms.
    const session = { token: 'server-st', expiresAt: '2030-01-01T00:00:00Z' as unknown as number };
    const { delivery } = renderWithClient(
      <Boundary onCatch={(error) => caught.push(error)}>
        <PrivateThumbnail
          videoId="vi1"
          privateToken="pt1"
          alt="Server"
          openSession="eager"
          session={session}
        />
      </Boundary>,
    );
    await waitFor(() => expect(caught).not.toEqual([]));
    consoleError.mockRestore();
    expect(caught[0]).toMatchObject({ name: 'PrivateVideoError', code: 'invalid-source' });
    expect(screen.getByText('Not shown')).toBeTruthy();
    expect(delivery.fetch).not.toHaveBeenCalled();
  });
});

class Boundary extends Component<{ onCatch: (error: unknown) => void; children: ReactNode }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    this.props.onCatch(error);
  }
  override render() {
    return this.state.failed ? 'Not shown' : this.props.children;
  }
}

describe('PrivateThumbnail, as its props change and React 19 refs', () => {
  it('spends the private token of a new source only once the thumbnail nears the viewport again', async () => {
    const io = stubIntersectionObserver();
    const ui = (videoId: string) => <PrivateThumbnail videoId={videoId} privateToken="pt1" alt="Card" />;
    const { delivery, rerender } = renderWithClient(ui('vi1'));
    await waitFor(() => expect(io.observers).toHaveLength(1));
    act(() => io.enter(screen.getByRole('img', { name: 'Card' })));
    await waitFor(() => expect(screen.getByAltText('Card').tagName).toBe('IMG'));
    // E.g. the next page of a paginated grid, or a recycled card, reusing this component while off screen.
    rerender(ui('vi2'));
    const placeholder = screen.getByRole('img', { name: 'Card' });
    expect(placeholder.tagName).toBe('SPAN');
    await waitFor(() => expect(io.observers).toHaveLength(1));
    expect(delivery.requests).toEqual(['https://vod.api.video/vod/vi1/token/pt1/session']);
    act(() => io.enter(placeholder));
    await waitFor(() => expect(screen.getByAltText('Card').getAttribute('src')).toContain('/vi2/token/pt1/'));
    expect(delivery.requests).toHaveLength(2);
  });

  it('keeps its image when the video comes again with a new private token (the API object fetched again)', async () => {
    const ui = (privateToken: string) => (
      <PrivateThumbnail videoId="vi1" privateToken={privateToken} alt="Card" openSession="eager" />
    );
    const { delivery, rerender } = renderWithClient(ui('pt1'));
    const image = await waitFor(() => {
      const found = screen.getByAltText('Card');
      expect(found.tagName).toBe('IMG');
      return found;
    });
    rerender(ui('pt2'));
    expect(screen.getByAltText('Card')).toBe(image);
    expect(image.getAttribute('src')).toBe(`${thumbnailUrl}?avh=st-1`);
    expect(delivery.requests).toEqual(['https://vod.api.video/vod/vi1/token/pt1/session']);
  });

  it('loads a video shown again after another, instead of showing its old failure', async () => {
    stubProbe(200);
    const ui = (videoId: string) => (
      <PrivateThumbnail videoId={videoId} privateToken={`pt-${videoId}`} alt="Card" openSession="eager" />
    );
    const { rerender } = renderWithClient(ui('vi1'));
    await waitFor(() => expect(screen.getByAltText('Card').tagName).toBe('IMG'));
    fireEvent.error(screen.getByAltText('Card'));
    await screen.findByRole('status');
    rerender(ui('vi2'));
    await waitFor(() => expect(screen.getByAltText('Card').getAttribute('src')).toContain('/vi2/'));
    // Back to the first video (its session still open, so the same signed URL): its image is asked for again.
    rerender(ui('vi1'));
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getByAltText('Card').getAttribute('src')).toContain('/vi1/');
  });

  it.skipIf(Number.parseInt(version, 10) < 19)(
    'calls the cleanup a callback ref returns (React 19) instead of calling it with null',
    async () => {
      const calls: unknown[] = [];
      const { unmount } = renderWithClient(
        <PrivateThumbnail
          videoId="vi1"
          privateToken="pt1"
          alt="Intro"
          ref={(image) => {
            calls.push(image?.tagName ?? null);
            return () => void calls.push('cleanup');
          }}
        />,
      );
      await waitFor(() => expect(calls).toEqual(['IMG']));
      unmount();
      expect(calls).toEqual(['IMG', 'cleanup']);
    },
  );
});

describe('PrivateThumbnail: accessibility and failures, case by case', () => {
  it('hides a decorative placeholder (no alt) from assistive technologies, with no role', () => {
    stubIntersectionObserver();
    const { container } = renderWithClient(<PrivateThumbnail videoId="vi1" privateToken="pt1" />);
    const placeholder = container.querySelector('[data-private-thumbnail="loading"]')!;
    expect(placeholder.getAttribute('aria-hidden')).toBe('true');
    expect(placeholder.hasAttribute('role')).toBe(false);
  });

  it('watches the viewport with a 200px margin by default', async () => {
    const io = stubIntersectionObserver();
    renderWithClient(<PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Below" />);
    await waitFor(() => expect(io.observers).toHaveLength(1));
    expect(io.observers[0]?.options?.rootMargin).toBe('200px');
  });

  it('puts no "Try again" inside a thumbnail that is a button (interactive content cannot nest)', async () => {
    stubProbe(200);
    renderWithClient(<PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Card" onClick={() => {}} />);
    await waitFor(() => expect(screen.getByAltText('Card').tagName).toBe('IMG'));
    fireEvent.error(screen.getByAltText('Card'));
    const alert = await screen.findByRole('status');
    expect(alert.closest('button')).not.toBeNull();
    expect(alert.querySelector('button')).toBeNull();
  });

  it('leaves no unhandled rejection when "Try again" fails again', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    onTestFinished(() => void process.off('unhandledRejection', unhandled));
    const { delivery } = renderWithClient(
      <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Offline" />,
      {
        delivery: (fake) => fake.answer(new TypeError('offline'), new TypeError('offline again')),
      },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(delivery.fetch).toHaveBeenCalledTimes(2));
    await screen.findByRole('button', { name: 'Try again' });
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('gives the focus to the message, by script only, when the retried image fails with no retry left', async () => {
    const probe = stubProbe(200); // the image itself failed: worth a retry
    renderWithClient(<PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Ended" />);
    await waitFor(() => expect(screen.getByAltText('Ended').tagName).toBe('IMG'));
    fireEvent.error(screen.getByAltText('Ended'));
    const button = await screen.findByRole('button', { name: 'Try again' });
    button.focus();
    fireEvent.click(button);
    const image = await waitFor(() => {
      const found = screen.getByAltText('Ended');
      expect(found.tagName).toBe('IMG');
      return found;
    });
    expect(document.activeElement).toBe(image);
    probe.mockResolvedValue(new Response('', { status: 404 })); // now the session is dead, and nothing renews it
    fireEvent.error(image);
    const alert = await screen.findByRole('status');
    await waitFor(() => expect(alert.textContent).not.toBe(''));
    expect(within(alert).queryByRole('button')).toBeNull();
    expect(document.activeElement).toBe(alert);
    expect(alert.getAttribute('tabindex')).toBe('-1');
  });

  it('after "Try again", leaves the focus where the viewer moved it meanwhile, not on the new image', async () => {
    const opened = deferred<Response>();
    renderWithClient(
      <>
        <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Offline" />
        <button type="button">Elsewhere</button>
      </>,
      { delivery: (fake) => fake.answer(new TypeError('offline'), () => opened.promise) },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    const elsewhere = screen.getByRole('button', { name: 'Elsewhere' });
    elsewhere.focus();
    opened.resolve(json({ session_token: 'st-1' }));
    await waitFor(() => expect(screen.getByAltText('Offline').tagName).toBe('IMG'));
    expect(document.activeElement).toBe(elsewhere);
  });

  it("opens nothing for a new video from the last video's placeholder, even when that one had come near the viewport", async () => {
    const io = stubIntersectionObserver();
    const opened = deferred<Response>();
    // Another video (the same one with a new private token is served by the session under way: a refetch).
    const ui = (videoId: string, privateToken: string) => (
      <PrivateThumbnail videoId={videoId} privateToken={privateToken} alt="Card" />
    );
    const { delivery, rerender } = renderWithClient(ui('vi1', 'pt1'), {
      delivery: (fake) => fake.answer(() => opened.promise), // pt1's session is still opening
    });
    await waitFor(() => expect(io.observers).toHaveLength(1));
    act(() => io.enter(screen.getByRole('img', { name: 'Card' })));
    await waitFor(() => expect(delivery.requests).toHaveLength(1));
    rerender(ui('vi2', 'pt2'));
    await waitFor(() => expect(io.observers).toHaveLength(1));
    expect(delivery.requests).toEqual(['https://vod.api.video/vod/vi1/token/pt1/session']);
    act(() => io.enter(screen.getByRole('img', { name: 'Card' })));
    await waitFor(() =>
      expect(delivery.requests.at(-1)).toBe('https://vod.api.video/vod/vi2/token/pt2/session'),
    );
  });
});

/**
 * Whether a browser shows `element`: `display: none` on it or an ancestor hides it, and so does `hidden`, unless
 * an inline `display` beats the browser's `[hidden] { display: none }` (as any does).
 */
function shown(element: HTMLElement): boolean {
  for (let node: HTMLElement | null = element; node; node = node.parentElement) {
    if (node.style.display === 'none' || (node.hidden && !node.style.display)) return false;
  }
  return true;
}

describe('PrivateThumbnail hidden (a preloaded card, a collapsed section)', () => {
  it('hides its placeholder and its image, and the link around them', async () => {
    const io = stubIntersectionObserver();
    const { container } = renderWithClient(
      <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Intro" href="/watch" hidden />,
    );
    const placeholder = container.querySelector<HTMLElement>('[data-private-thumbnail="loading"]')!;
    expect(shown(placeholder)).toBe(false);
    await waitFor(() => expect(io.observers).toHaveLength(1));
    act(() => io.enter(placeholder));
    const image = await waitFor(() => {
      const found = container.querySelector('img');
      expect(found).not.toBeNull();
      return found!;
    });
    expect(shown(image)).toBe(false);
    expect(image.closest('a')!.style.display).toBe('none'); // no link to tab to either
  });

  it('hides its error message', async () => {
    renderWithClient(
      <PrivateThumbnail videoId="vi1" privateToken="pt1" alt="Intro" hidden onError={() => {}} />,
      {
        delivery: (delivery) => delivery.spend('pt1'),
      },
    );
    expect(shown(await screen.findByRole('status', { hidden: true }))).toBe(false);
  });
});

describe('PrivateThumbnail renderError', () => {
  it("ends a retry's request for the focus when it fails again: a video given later does not take it", async () => {
    const ui = (videoId: string, privateToken: string) => (
      <PrivateThumbnail
        videoId={videoId}
        privateToken={privateToken}
        alt="Card"
        onError={() => {}}
        renderError={(error, retry) => (
          <button type="button" onClick={retry}>
            Retry after {error.code}
          </button>
        )}
      />
    );
    const { rerender } = renderWithClient(ui('vi1', 'pt1'), {
      // vi1's open and its retry's open both fail; vi2's session opens.
      delivery: (fake) => fake.answer(new TypeError('offline'), new TypeError('offline again')),
    });
    const first = await screen.findByRole('button', { name: 'Retry after network' });
    first.focus();
    fireEvent.click(first);
    const second = await screen.findByRole('button', { name: 'Retry after network' });
    expect([second === first, document.activeElement]).toEqual([false, document.body]);
    rerender(ui('vi2', 'pt2')); // the card, recycled for another video
    const image = await waitFor(() => {
      const found = screen.getByAltText('Card');
      expect(found.tagName).toBe('IMG');
      return found;
    });
    await act(async () => {});
    expect(document.activeElement).toBe(document.body);
    expect(image.hasAttribute('tabindex')).toBe(false);
  });
});

describe('PrivateThumbnail ref', () => {
  it('keeps its <img> in a callback ref when a renewal signs the thumbnail anew (no null in between)', async () => {
    const ref = vi.fn();
    const { client } = renderWithClient(
      <PrivateThumbnail ref={ref} videoId="vi1" privateToken="pt1" alt="Intro" openSession="eager" />,
    );
    const image = await waitFor(() => {
      const found = screen.getByRole('img', { name: 'Intro' });
      expect(found.tagName).toBe('IMG');
      return found;
    });
    expect(ref.mock.calls).toEqual([[image]]);
    const videoSession = client.video({ videoId: 'vi1', privateToken: 'pt1' });
    await act(() => videoSession.renew({ getPrivateToken: async () => 'pt2' }));
    expect(image.getAttribute('src')).toContain('avh=st-2');
    expect(ref.mock.calls).toEqual([[image]]);
  });
});
