import { type RefObject, useEffect } from 'react';

/**
 * Puts a scroll container in the Tab order while its content overflows it, so keyboard users can scroll
 * it with the arrow keys (WCAG 2.1.1; axe's `scrollable-region-focusable`): the stage and the request log
 * scroll inside a fixed frame, and neither holds a focusable element at every point of its content. Out
 * of the Tab order again when everything fits, so it is never a stop that does nothing.
 */
export function useKeyboardScroll(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = () => {
      const overflows =
        element.scrollHeight > element.clientHeight || element.scrollWidth > element.clientWidth;
      if (overflows) element.tabIndex = 0;
      else element.removeAttribute('tabindex');
    };
    // The frame resizes with the window; the content grows with every request, player and image.
    const resizes = new ResizeObserver(update);
    const observeChildren = () => {
      resizes.disconnect();
      resizes.observe(element);
      for (const child of element.children) resizes.observe(child);
    };
    const mutations = new MutationObserver(() => {
      observeChildren();
      update();
    });
    // The whole subtree: a log row lands deep inside, and its size change alone may come too late (after
    // an axe run or a Tab press in the same frame).
    mutations.observe(element, { childList: true, subtree: true });
    observeChildren();
    update();
    return () => {
      resizes.disconnect();
      mutations.disconnect();
    };
  }, [ref]);
}
