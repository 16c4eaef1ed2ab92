import { useEffect, useLayoutEffect } from 'react';

/** `useLayoutEffect` warns when rendered on the server (React 18); it never runs there anyway. */
export const useIsomorphicLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;
