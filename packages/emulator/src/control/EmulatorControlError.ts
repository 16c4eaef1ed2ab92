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

  constructor(method: string, path: string, status: number, body: string) {
    super(`Emulator control ${method} ${path} failed: ${status} ${body}`);
    this.method = method;
    this.path = path;
    this.status = status;
  }
}
