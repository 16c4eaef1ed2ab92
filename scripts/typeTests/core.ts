// What an app writes against core's API, under the strictest settings (`exactOptionalPropertyTypes`).
import {
  createPrivatePlayback,
  type GetPrivateToken,
  isPrivateVideoError,
  type PlaybackEngine,
  type PlayState,
  PrivateVideoError,
  type ServerSession,
  SessionClient,
  type StorageLike,
} from '@private-video/core';
import { startEmulator } from '@private-video/emulator';
import type { PrivateTokenErrorResponse, PrivateTokenResponse } from '@private-video/server';

// The token handler's JSON, as `r.json()` of its 200 or its refusal gives it, is an answer (its error named).
export const getPrivateToken: GetPrivateToken = async (ref, { signal }) =>
  (await (await fetch(`/api/private-token?videoId=${ref.videoId}`, { signal })).json()) as
    | PrivateTokenResponse
    | PrivateTokenErrorResponse;

// Options read from elsewhere (configuration, props), each maybe unset.
declare const storage: StorageLike | null | undefined;
declare const timeout: number | undefined;
declare const maybeGetPrivateToken: GetPrivateToken | undefined;
const client = new SessionClient({
  storage,
  timeout,
  getPrivateToken: maybeGetPrivateToken,
  fetch: undefined,
});

// The server's session, handed over as it came.
declare const serverSession: ServerSession;
client.setSession('vi4blUQJFrYWbaG44NChkH27', serverSession);

declare const status: number | undefined;
export const error = new PrivateVideoError('network', 'offline', { status, url: undefined });

declare const caught: unknown;
if (isPrivateVideoError(caught, 'token-used')) {
  const code: 'token-used' = caught.code;
  console.log(code);
}

// Engine options typed by the app's own interfaces (not index signatures).
interface MyHlsConfig {
  maxBufferLength: number;
}
const hlsConfig: MyHlsConfig = { maxBufferLength: 10 };
declare const video: HTMLVideoElement;
createPrivatePlayback(video, 'vi4blUQJFrYWbaG44NChkH27', { engine: 'hls.js', hlsConfig }).destroy();

// A custom engine names what it restores.
export const restoring: Pick<PlaybackEngine, 'viewer'> = { viewer: (): PlayState | undefined => undefined };

declare const port: number | undefined;
await startEmulator({ port, host: undefined, control: undefined });
