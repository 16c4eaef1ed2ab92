// Node-side checks of the installed packages, typed by their own .d.ts: the token handler over HTTP, a session
// opened on the server (`openSession`), and the emulator's request log through `@private-video/emulator/control`.
import { createEmulatorControl, type LogEntry } from '@private-video/emulator/control';
import { type ApiVideoClient, openSession, type PrivateTokenResponse } from '@private-video/server';

/** The handler mints for an allowed video and refuses another; `openSession` signs assets that load. */
export async function checkServerSide(
  backendUrl: string,
  client: ApiVideoClient,
  videoId: string,
  refused: string,
) {
  const minted = await fetch(`${backendUrl}/api/private-token?videoId=${videoId}`);
  const body = (await minted.json()) as PrivateTokenResponse;
  if (minted.status !== 200 || typeof body.privateToken !== 'string' || body.videoId !== videoId) {
    throw new Error(`GET /api/private-token?videoId=${videoId}: ${minted.status} ${JSON.stringify(body)}`);
  }
  const forbidden = await fetch(`${backendUrl}/api/private-token/${refused}`);
  if (forbidden.status !== 403)
    throw new Error(`a video authorize refuses answered ${forbidden.status}, not 403`);
  await forbidden.body?.cancel();

  const { session, assets } = await openSession(await client.getPrivateVideoSource(videoId));
  if (!session) throw new Error(`openSession(${videoId}) opened no session`);
  const thumbnail = await fetch(assets.thumbnail);
  const type = thumbnail.headers.get('content-type');
  await thumbnail.body?.cancel();
  if (thumbnail.status !== 200 || type !== 'image/jpeg') {
    throw new Error(`openSession's signed thumbnail answered ${thumbnail.status} ${type}`);
  }
}

/** The emulator's log of every request made with these private tokens. */
export async function requestsFor(
  emulatorUrl: string,
  privateTokens: readonly string[],
): Promise<LogEntry[]> {
  const wanted = new Set(privateTokens);
  const log = await createEmulatorControl(emulatorUrl).log();
  return log.filter((entry) => entry.privateToken !== undefined && wanted.has(entry.privateToken));
}
