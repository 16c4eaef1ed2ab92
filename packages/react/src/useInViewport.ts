'use client';
import { useEffect, useState } from 'react';

/** Options of `useInViewport`. */
export interface UseInViewportOptions {
  /** How far outside the viewport still counts as near it (CSS margin syntax). Default `200px`. */
  rootMargin?: string | undefined;
  /** `false` stops observing (and keeps the last answer). */
  enabled?: boolean | undefined;
}

/**
 * Whether the element has come near the viewport, latched: once true it stays true for that element (another
 * element, e.g. the placeholder of a thumbnail's next video, is watched anew). `false` on the server and in the
 * first client render (so hydration matches); `true` at once where there is no IntersectionObserver, since
 * then nothing would ever say it is visible.
 */
export function useInViewport(element: Element | null, options: UseInViewportOptions = {}): boolean {
  const { rootMargin = '200px', enabled = true } = options;
  // The element that came near the viewport (never `null`, so no element is never in it).
  const [seen, setSeen] = useState<Element>();
  const inViewport = seen === element;
  useEffect(() => {
    if (!enabled || inViewport || !element) return;
    if (typeof IntersectionObserver === 'undefined') return setSeen(element);
    try {
      const observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((entry) => entry.isIntersecting)) setSeen(element);
        },
        { rootMargin },
      );
      observer.observe(element);
      return () => observer.disconnect();
    } catch (error) {
      // A rootMargin the browser cannot read (`'200'`, no unit) threw here and took the app down: say so, and
      // count the element as near, so that it still loads.
      console.error(error);
      setSeen(element);
    }
  }, [element, enabled, inViewport, rootMargin]);
  return inViewport;
}
