import { waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { interactionEventProps, renamed } from './interactionEventProps.js';
import { mediaEventProps } from './mediaEventProps.js';
import { PrivateVideoPlayer, type PrivateVideoPlayerProps } from './PrivateVideoPlayer.js';
import { renderWithClient } from './test-utils/render.js';

type Props = Partial<PrivateVideoPlayerProps>;

/**
 * Renders a video.js player on the fake controller and does to its `<video>` what video.js does: a wrapper
 * `div` around it (`tabindex="-1"` on both) with a control in it. The real thing runs in the browser tests.
 */
async function renderVideojs(props: Props) {
  const player = (next: Props) => (
    <PrivateVideoPlayer videoId="vi1" privateToken="pt1" engine="video.js" {...next} />
  );
  const rendered = renderWithClient(player(props));
  await waitFor(() => expect(rendered.playback.create).toHaveBeenCalledTimes(1));
  const video = rendered.playback.create.mock.calls[0]![0];
  const wrapper = document.createElement('div');
  const control = document.createElement('button');
  wrapper.className = 'video-js';
  wrapper.setAttribute('tabindex', '-1');
  video.setAttribute('tabindex', '-1');
  video.replaceWith(wrapper);
  wrapper.append(video, control);
  // The element code finds the wrapper through a MutationObserver.
  await Promise.resolve();
  return { ...rendered, video, wrapper, control, rerender: (next: Props) => rendered.rerender(player(next)) };
}

const typeOf = (prop: (typeof interactionEventProps)[number]) => renamed[prop] ?? prop.slice(2).toLowerCase();

describe('PrivateVideoPlayer with video.js: interaction event props and tabIndex', () => {
  it('calls every interaction event prop from video.js’s wrapper with the native event, the <video> as currentTarget', async () => {
    const seen: [string, Event, EventTarget | null][] = [];
    const handlers = Object.fromEntries(
      interactionEventProps.map((prop) => [
        prop,
        (event: Event) => seen.push([prop, event, event.currentTarget]),
      ]),
    );
    const { video, wrapper, control } = await renderVideojs(handlers);
    for (const prop of interactionEventProps) {
      const type = typeOf(prop);
      // Enter and leave events do not bubble: the browser fires them at the wrapper itself.
      const enterOrLeave = /enter|leave/.test(type) && !type.startsWith('drag');
      const event = new Event(type, { bubbles: !enterOrLeave });
      (enterOrLeave ? wrapper : control).dispatchEvent(event);
      expect(
        seen.map(([name]) => name),
        prop,
      ).toEqual([prop]);
      const [[, received, currentTarget]] = seen.splice(0) as [[string, Event, EventTarget | null]];
      expect(received).toBe(event);
      expect(currentTarget).toBe(video);
      // Only while the handler runs: other listeners, and the event afterwards, are not fooled.
      expect(event.currentTarget).toBeNull();
      expect(Object.hasOwn(event, 'currentTarget')).toBe(false);
    }
  });

  it('calls the latest handlers, applies tabIndex to the wrapper and follows it, and stops at unmount', async () => {
    const first = vi.fn();
    const { video, wrapper, rerender, unmount } = await renderVideojs({ onClick: first, tabIndex: 0 });
    expect(wrapper.getAttribute('tabindex')).toBe('0');
    expect(video.getAttribute('tabindex')).toBe('-1');
    video.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(first).toHaveBeenCalledTimes(1);

    const second = vi.fn();
    rerender({ onClick: second, tabIndex: 3 });
    expect(wrapper.getAttribute('tabindex')).toBe('3');
    video.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect([first.mock.calls.length, second.mock.calls.length]).toEqual([1, 1]);
    expect(video.isConnected).toBe(true);

    // Without a tabIndex, video.js's own again.
    rerender({ onClick: second });
    expect(wrapper.getAttribute('tabindex')).toBe('-1');

    unmount();
    wrapper.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    video.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('runs …Capture props in the capture phase, before video.js’s own listeners inside', async () => {
    const order: string[] = [];
    const { control } = await renderVideojs({
      onClickCapture: () => order.push('onClickCapture'),
      onClick: () => order.push('onClick'),
    });
    control.addEventListener('click', () => order.push('video.js'));
    control.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(order).toEqual(['onClickCapture', 'video.js', 'onClick']);
  });

  it('counts the player as one element: focus or the pointer moving inside it neither leaves nor enters it', async () => {
    const calls: string[] = [];
    const outside = document.body.appendChild(document.createElement('button'));
    const { wrapper, video, control } = await renderVideojs({
      onFocus: (event) =>
        calls.push(`focus from ${(event.relatedTarget as Element | null)?.tagName ?? 'nowhere'}`),
      onBlur: (event) =>
        calls.push(`blur to ${(event.relatedTarget as Element | null)?.tagName ?? 'nowhere'}`),
      onMouseOver: () => calls.push('mouseover'),
      onMouseOut: () => calls.push('mouseout'),
    });
    const move = (type: string, target: Element, relatedTarget: Element | null) =>
      target.dispatchEvent(new FocusEvent(type, { bubbles: true, relatedTarget }));
    move('focusin', wrapper, outside);
    move('focusout', wrapper, control);
    move('focusin', control, wrapper);
    move('focusout', control, outside);
    move('focusin', video, null);
    expect(calls).toEqual(['focus from BUTTON', 'blur to BUTTON', 'focus from nowhere']);
    calls.length = 0;
    const hover = (type: string, target: Element, relatedTarget: Element | null) =>
      target.dispatchEvent(new MouseEvent(type, { bubbles: true, relatedTarget }));
    hover('mouseover', video, outside);
    hover('mouseout', video, control);
    hover('mouseover', control, video);
    hover('mouseout', control, outside);
    expect(calls).toEqual(['mouseover', 'mouseout']);
    outside.remove();
  });
});

describe('PrivateVideoPlayer with video.js: media event props', () => {
  it('calls every media event prop (onResize too) and its …Capture variant, the …Capture first', async () => {
    const seen: string[] = [];
    const handlers = Object.fromEntries(
      mediaEventProps.flatMap((prop) => [
        [prop, () => seen.push(prop)],
        [`${prop}Capture`, () => seen.push(`${prop}Capture`)],
      ]),
    );
    expect(mediaEventProps).toContain('onResize');
    const { video } = await renderVideojs(handlers);
    for (const prop of mediaEventProps) {
      // Media events do not bubble.
      video.dispatchEvent(new Event(prop.slice(2).toLowerCase()));
      expect(seen.splice(0), prop).toEqual([`${prop}Capture`, prop]);
    }
  });
});

describe('video.js moving the <video> into its wrapper', () => {
  /** The `<video>` the player made for video.js, focusable (a ref would focus it as the player mounts). */
  async function mountVideo() {
    const rendered = renderWithClient(
      <PrivateVideoPlayer videoId="vi1" privateToken="pt1" engine="video.js" />,
    );
    await waitFor(() => expect(rendered.playback.create).toHaveBeenCalledTimes(1));
    const video = rendered.playback.create.mock.calls[0]![0] as HTMLVideoElement;
    video.setAttribute('tabindex', '-1');
    return video;
  }

  /** What video.js does as it starts: the `<video>` goes into a wrapper where it was. */
  async function wrap(video: HTMLVideoElement) {
    const wrapper = document.createElement('div');
    video.replaceWith(wrapper);
    wrapper.append(video);
    await Promise.resolve();
  }

  it('gives back the focus the move dropped', async () => {
    const video = await mountVideo();
    video.focus(); // the app's ref, as the player mounted
    video.blur(); // Chromium's focusout as the focused element is taken out
    await wrap(video);
    expect(document.activeElement).toBe(video);
  });

  it('does not take back a focus the viewer moves away later', async () => {
    const video = await mountVideo();
    await wrap(video);
    video.focus();
    video.blur();
    await Promise.resolve();
    await Promise.resolve();
    expect(document.activeElement).toBe(document.body);
  });

  it('does not take back a focus the viewer moved away before video.js moved the video', async () => {
    const video = await mountVideo();
    video.focus();
    video.blur(); // the viewer clicked the page: still in React's container
    await Promise.resolve();
    expect(document.activeElement).toBe(document.body);
  });

  it('leaves the focus where it went as video.js moved the video', async () => {
    const video = await mountVideo();
    const other = document.body.appendChild(document.createElement('button'));
    video.focus();
    other.focus(); // focusout while still in the container
    await wrap(video);
    expect(document.activeElement).toBe(other);
    other.remove();
  });
});
