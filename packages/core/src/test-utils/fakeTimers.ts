/** Injectable timers that only fire when the test says so; `pending()` are those set and not cleared. */
export function fakeTimers() {
  const all: { callback: () => void; ms: number; cleared: boolean }[] = [];
  return {
    all,
    pending: () => all.filter((timer) => !timer.cleared),
    options: {
      setTimeout: (callback: () => void, ms: number) => all.push({ callback, ms, cleared: false }) - 1,
      clearTimeout: (handle: unknown) => {
        const timer = all[handle as number];
        if (timer) timer.cleared = true;
      },
    },
  };
}
