import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';

// happy-dom's IntersectionObserver never reports anything; tests that care stub their own
// (`stubIntersectionObserver`), the others see none, so thumbnails open at once.
beforeEach(() => {
  vi.stubGlobal('IntersectionObserver', undefined);
});

// Testing Library cleans up by itself only where `afterEach` is a global; vitest's is not.
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
