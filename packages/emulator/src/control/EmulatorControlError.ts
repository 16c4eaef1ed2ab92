/**
 * A control call the emulator answered with an error status. `status` lets callers tell "already gone"
 * (404) from a refused request (400) or a broken emulator (5xx) without parsing the message. A network
 * failure is not one of these: `fetch` rejects with its own `TypeError`.
 */
export class EmulatorControlError extends Error {
  override name = 'EmulatorControlError';
  /** The HTTP status of the control API's answer. */
  readonly status: number;
  readonly method: string;
  /** The control API path called (with its query), as the message names it: `/__emulator/faults/fault-3`. */
  readonly path: string;

  /** What the emulator said: the text of its `{ error }` JSON, else the answer's body as it came. */
  readonly detail: string;

  constructor(method: string, path: string, status: number, body: string) {
    const detail = errorText(body);
    super(`Emulator control ${method} ${path} failed: ${status} ${detail}`);
    this.detail = detail;
    this.method = method;
    this.path = path;
    this.status = status;
  }
}

/** The `error` of the control API's JSON answer, so a message quotes it unescaped; any other body as it is. */
function errorText(body: string): string {
  try {
    const { error } = JSON.parse(body) as { error?: unknown };
    if (typeof error === 'string') return error;
  } catch {
    // not JSON: a proxy's page, say
  }
  return body;
}
