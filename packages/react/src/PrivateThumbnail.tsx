'use client';
import type { ServerSession, SessionClient } from '@private-video/core';
import {
  checkThumbnailFailure,
  getErrorMessage,
  type PrivateVideoError,
  toRetryPlan,
  toSignedAssets,
} from '@private-video/core';
import {
  type CSSProperties,
  forwardRef,
  type ImgHTMLAttributes,
  type MouseEventHandler,
  type ReactNode,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import { noop } from './noop.js';
import { setRef } from './setRef.js';
import { splitProps } from './splitProps.js';
import { toCssLength } from './toCssLength.js';
import { type PrivateVideoSourceProps, sourceKeys, toSourceKey, toVideoSource } from './toVideoSource.js';
import { useInViewport } from './useInViewport.js';
import { useOnError } from './useOnError.js';
import { useOpenSession } from './usePrivateSession.js';
import { useVideoSession } from './useVideoSession.js';

/** An `<img>` has no content: `children` (React throws once the image renders) and inner HTML are left out. */
type ImgProps = Omit<
  ImgHTMLAttributes<HTMLImageElement>,
  | 'src'
  | 'srcSet'
  | 'onClick'
  | 'onError'
  | 'width'
  | 'height'
  | 'placeholder'
  | 'children'
  | 'dangerouslySetInnerHTML'
>;

/** Props of `PrivateThumbnail`: the video, its own props, and any other `<img>` prop. */
export interface PrivateThumbnailProps extends PrivateVideoSourceProps, ImgProps {
  /** Renders an `<a href>` around the image (e.g. to the watch page). */
  href?: string | undefined;
  target?: string | undefined;
  rel?: string | undefined;
  /**
   * Without `href`, renders a `<button type="button">` (e.g. to swap in the player); with it, goes on the `<a>`.
   * Typed as React types its own (bivariant): a handler typed for the button, the link or any element fits.
   */
  onClick?: MouseEventHandler<HTMLElement> | undefined;
  /** A session opened on the server: no `/session` request is made. */
  session?: ServerSession | null | undefined;
  client?: SessionClient | undefined;
  width?: number | string | undefined;
  height?: number | string | undefined;
  /** Of the placeholder and the image, so nothing moves when it loads. Default `16 / 9`. */
  aspectRatio?: number | string | undefined;
  /**
   * `visible` (default) spends the private token only when the thumbnail nears the viewport;
   * `eager` opens the session at once.
   */
  openSession?: 'visible' | 'eager' | undefined;
  /** How near the viewport counts as visible. Default `200px`. */
  rootMargin?: string | undefined;
  /** Shown inside the box while the session opens. */
  placeholder?: ReactNode;
  /** Replaces the default error text; `retry` is given when trying again may help. */
  renderError?: ((error: PrivateVideoError, retry: (() => void) | undefined) => ReactNode) | undefined;
  /** Called once per failure; without it, the failure goes to `console.error`. */
  onError?: ((error: PrivateVideoError) => void) | undefined;
}

/**
 * The thumbnail of a private video, signed with the video's one session (shared with its player). It
 * keeps a fixed aspect-ratio box from the first render, so the page does not move when it loads.
 */
export const PrivateThumbnail = forwardRef<HTMLImageElement, PrivateThumbnailProps>(
  function PrivateThumbnail(props, ref) {
    const [sourceProps, ownProps] = splitProps(props, sourceKeys);
    const {
      href,
      target,
      rel,
      onClick,
      session,
      client,
      width,
      height,
      aspectRatio = '16 / 9',
      openSession,
      rootMargin,
      placeholder,
      renderError,
      onError,
      alt = '',
      className,
      style,
      hidden,
      ...imgProps
    } = ownProps;
    const sourceKey = toSourceKey(sourceProps);
    const video = useVideoSession(() => toVideoSource(sourceProps), sourceKey, props);
    const { videoSession } = video;
    // The image on screen stays when its session expires (a page left open past its life, rendered again): its
    // pixels need no session. Renewing for it spent a private token, and with nothing to renew with, an error
    // replaced it. Any other image of an expired session renews first (it would not load).
    const loaded = useRef<string>(undefined);
    const signed = toSignedAssets(video.state).thumbnail;
    const expired = video.expired && signed !== loaded.current;
    const thumbnail = expired ? undefined : signed;
    const [frame, setFrame] = useState<HTMLElement | null>(null);
    const eager = openSession === 'eager';
    // Only the placeholder is watched: once a URL is there, the session is open.
    const nearViewport = useInViewport(frame, { rootMargin, enabled: !(eager || thumbnail) });
    // The placeholder, not `true`: a new video's first render still has the last video's placeholder, which
    // its commit replaces (see `key` below), and which then no longer opens anything.
    useOpenSession(videoSession, eager || (nearViewport && frame), expired);
    // The image that failed to load (until a retry, or another image: shown again later, it loads anew), and why.
    const [failed, setFailed] = useState<{ url?: string; error?: PrivateVideoError }>({});
    if (failed.url && failed.url !== thumbnail) setFailed({});
    const error = video.error ?? video.state?.error ?? failed.error;

    useOnError(error, onError);
    // Set by "Try again", whose button goes with the alert: what replaces it (the image, after the placeholder
    // when the session had failed; or the next alert's button, when it failed again) takes the focus, instead
    // of the page.
    const refocus = useRef<boolean>(undefined);
    // Aborted as the thumbnail unmounts or shows another video: a failure check under way then renews nothing for
    // the video nobody shows here any more. (Made by the effect: StrictMode's trial unmount would abort one made
    // at the first render for good.)
    const mounted = useRef<AbortController>(undefined);
    // biome-ignore lint/correctness/useExhaustiveDependencies: a new video session is what ends the last one's.
    useEffect(() => {
      mounted.current = new AbortController();
      // Still this effect's controller: the next effect comes after this cleanup.
      return () => mounted.current!.abort();
    }, [videoSession]);
    // Shows why the image at `url` did not load once core has checked its session (the browser tells an
    // `<img>` nothing): nothing, when core renewed a session the delivery had ended (the new session's image
    // replaces it).
    const reportFailure = useCallback(
      (url: string) =>
        checkThumbnailFailure(videoSession!, url, undefined, mounted.current?.signal).then(
          (error) => error && setFailed({ url, error }),
        ),
      [videoSession],
    );
    // A server-rendered image may fail before hydration, and React does not replay its `error` event: an
    // image found complete yet empty is checked (`decode()` rejects for a broken one).
    // Read from the image (its `src` is the thumbnail: core builds it normalised, as the browser serialises it),
    // so that a renewal signing the thumbnail anew makes no new callback, which would give the app's ref `null`,
    // then the same image again.
    const imgRef = useCallback(
      (img: HTMLImageElement | null) => {
        if (img) {
          if (img.complete && !img.naturalWidth) img.decode().catch(() => reportFailure(img.src));
          // Not a decorative image: focusable, it would be announced as an unnamed image. Its retry's request for
          // the focus ends here all the same: a later failure (of another video, say) was not asked for.
          if (img.alt) takeFocus(refocus, img);
          else refocus.current = false;
        }
        return setRef(ref, img);
      },
      [ref, reportFailure],
    );

    // While a retry opens the session again, its placeholder holds the focus the button had (the image takes it
    // next), rather than the page. Not a decorative one: it is hidden.
    const frameRef = useCallback(
      (placeholder: HTMLElement | null) => {
        setFrame(placeholder);
        if (alt) takeFocus(refocus, placeholder, true);
      },
      [alt],
    );

    // Starts over, or renews where the session is dead and the client has a `getPrivateToken`. (An error worth
    // a retry is the session's or the image's: there is a session.) Not inside a clickable thumbnail's link or
    // button, the default alert's nor `renderError`'s: interactive content cannot nest.
    const plan =
      error && videoSession && href === undefined && !onClick && toRetryPlan(error, videoSession.canRenew());
    const retry = plan
      ? () => {
          // The error's place is taken by a new `<img>`, which loads the image again.
          refocus.current = true;
          setFailed({});
          (plan === 'renew' ? videoSession!.renew() : videoSession!.open()).catch(noop);
        }
      : undefined;

    const frameWidth = toCssLength(height === undefined ? (width ?? '100%') : width);
    // The same box in every state, so loading, image and error never move the page.
    const box: CSSProperties = {
      display: 'block',
      boxSizing: 'border-box',
      width: frameWidth,
      height: toCssLength(height),
      aspectRatio,
      // Behind the placeholder, the alert, and the image while it decodes.
      background: '#80808033',
    };
    // `hidden` hides every state (and what is around it) by their style: the box's `display` would beat the
    // browser's rule for the attribute.
    const shown = hidden && { display: 'none' };
    // The default alert's text, also in the name of a link or button around it.
    let message: string | undefined;
    let content: ReactNode;
    if (error) {
      if (renderError) {
        // `renderError`'s own UI cannot be given the focus: a retry's request for it ends with its failure (else
        // a later video's image, in a recycled card, would take it).
        refocus.current = false;
        content = renderError(error, retry);
      } else {
        message = getErrorMessage(error, 'thumbnail');
        content = (
          <span
            // Polite, not an alert: a failed thumbnail is not urgent, and a grid of them (a page of spent
            // tokens, reloaded) would interrupt the viewer once per thumbnail.
            role="status"
            // After a retry that failed again, the focus its button had goes to the next "Try again" (React sets
            // a child's ref first), or to the alert when none is offered.
            ref={(alert) => takeFocus(refocus, alert)}
            className={className}
            data-private-thumbnail="error"
            data-private-video-error={error.code}
            style={{ ...box, ...errorStyle, ...shown, ...style }}
          >
            {
              // Which video it is, as a broken image shows its alt text: a grid's messages would all read the
              // same. Its own line (a flex item), and a word apart from the message for what reads the text as one.
              alt && <strong>{`${alt} `}</strong>
            }
            {message}
            {retry && (
              <button type="button" onClick={retry} ref={(button) => takeFocus(refocus, button)}>
                Try again
              </button>
            )}
          </span>
        );
      }
    } else if (thumbnail) {
      content = (
        <img
          ref={imgRef}
          // Defaults, which the app's props override.
          loading="lazy"
          decoding="async"
          {...imgProps}
          src={thumbnail}
          alt={alt}
          width={width}
          height={height}
          className={className}
          style={{ ...box, objectFit: 'cover', ...shown, ...style }}
          onLoad={(event) => {
            loaded.current = thumbnail;
            imgProps.onLoad?.(event);
          }}
          // The browser tells an `<img>` nothing about why it failed: core checks the session, and renews one the
          // delivery has ended (the new session's image replaces this one), or says what to show.
          // The alert replacing it takes its focus, if it had it (it had, just after a retry).
          onError={(event) => {
            refocus.current ||= event.target === document.activeElement;
            reportFailure(thumbnail);
          }}
        />
      );
    } else {
      content = (
        <span
          // Another video's placeholder is another element, watched anew: it waits for the viewport again.
          key={sourceKey}
          ref={frameRef}
          // Named like the image it stands for; hidden when that image is decorative (empty alt).
          {...(alt ? { role: 'img', 'aria-label': alt } : { 'aria-hidden': true })}
          aria-busy
          className={className}
          data-private-thumbnail="loading"
          style={{ ...box, ...shown, ...style }}
        >
          {placeholder}
        </span>
      );
    }

    const wrapper = {
      // Named by `alt` in every state, and by the text it shows too (WCAG 2.5.3, label in name: speech users say
      // what they see). Not by the alert inside alone: Chromium leaves a live region's text out of the name.
      'aria-label': alt && message ? `${alt}: ${message}` : alt || message || undefined,
      onClick,
      // Without `href`, the wrapper is a button: without a button's own look.
      style: {
        ...(href === undefined && buttonReset),
        display: 'inline-block',
        verticalAlign: 'top',
        width: frameWidth,
        ...shown,
      },
      children: content,
    };
    if (href !== undefined) return <a href={href} target={target} rel={rel} {...wrapper} />;
    if (onClick) return <button type="button" {...wrapper} />;
    return content;
  },
);

const errorStyle: CSSProperties = {
  display: 'flex',
  flexDirection: 'column',
  alignItems: 'center',
  justifyContent: 'center',
  gap: '0.5em',
  padding: '0.5em',
  textAlign: 'center',
  fontSize: '0.875em',
  // Within its box at any size: the box keeps its aspect ratio only while its content fits.
  overflow: 'auto',
};
const buttonReset: CSSProperties = {
  padding: 0,
  border: 0,
  background: 'none',
  font: 'inherit',
  color: 'inherit',
  cursor: 'pointer',
};

/**
 * Focuses `element` once, if a retry asked for it and the focus fell to the page with what had it (the alert's
 * button, or the image that failed): not when the viewer has moved it elsewhere since. A placeholder `keep`s the
 * request, for what replaces it.
 */
function takeFocus(asked: { current: boolean | undefined }, element: HTMLElement | null, keep?: boolean) {
  if (element && asked.current) {
    asked.current = keep;
    if (document.activeElement === document.body) {
      // An image's or an alert's `tabIndex` reads -1 without being focusable: set, it makes it focusable by
      // script only (no new tab stop). A button's 0 is left as it is.
      element.tabIndex &&= -1;
      element.focus();
    }
  }
}
