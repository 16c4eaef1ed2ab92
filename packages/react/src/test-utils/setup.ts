import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';

// happy-dom's IntersectionObserver never reports anything; tests that care stub their own
// (`stubIntersectionObserver`), the others see none, so thumbnails open at once.
beforeEach(() => {
  vi.stubGlobal('IntersectionObserver', undefined);
  // Requests go to the test client's fake delivery. One that would reach the network (a thumbnail's session
  // check, which uses the global `fetch`) is refused instead: a test that needs its answer stubs `fetch`.
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    throw new Error(`A unit test requested ${String(input)}: stub fetch for it.`);
  });
});

// Testing Library cleans up by itself only where `afterEach` is a global; vitest's is not.
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
