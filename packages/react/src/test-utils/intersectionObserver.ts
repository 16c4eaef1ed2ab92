import { vi } from 'vitest';

/** Replaces `IntersectionObserver` with one the test drives: `enter(element)` reports it visible. */
export function stubIntersectionObserver() {
  const observers = new Set<{
    callback: IntersectionObserverCallback;
    elements: Set<Element>;
    options?: IntersectionObserverInit;
  }>();
  class FakeIntersectionObserver {
    readonly entry: {
      callback: IntersectionObserverCallback;
      elements: Set<Element>;
      options?: IntersectionObserverInit;
    };
    constructor(callback: IntersectionObserverCallback, options?: IntersectionObserverInit) {
      this.entry = { callback, elements: new Set(), options };
      observers.add(this.entry);
    }
    observe(element: Element) {
      this.entry.elements.add(element);
    }
    unobserve(element: Element) {
      this.entry.elements.delete(element);
    }
    disconnect() {
      observers.delete(this.entry);
    }
  }
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
  return {
    get observers() {
      return [...observers];
    },
    enter(element: Element) {
      for (const observer of [...observers]) {
        if (!observer.elements.has(element)) continue;
        const entry = { target: element, isIntersecting: true } as IntersectionObserverEntry;
        observer.callback([entry], observer as unknown as IntersectionObserver);
      }
    },
  };
}
