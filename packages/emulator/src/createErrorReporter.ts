const PREFIX = '[private-video emulator]';

/**
 * The `reportError` of an emulator: hands each failure to `onError`, or writes it to stderr. It never
 * throws: it runs inside the server's `'error'` listener, where a throw would be an uncaught exception,
 * so a reporter that fails is written to stderr along with what it was given.
 */
export function createErrorReporter(onError?: (error: unknown) => void): (error: unknown) => void {
  return (error) => {
    if (!onError) {
      console.error(`${PREFIX} error (the emulator keeps serving):`, error);
      return;
    }
    try {
      onError(error);
    } catch (failure) {
      console.error(`${PREFIX} error:`, error);
      console.error(`${PREFIX} onError threw while reporting it:`, failure);
    }
  };
}
