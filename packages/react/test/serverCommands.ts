import type { OpenedSession, PrivateTokenResponse, PrivateVideoSource } from '@private-video/server';
import type { BrowserCommand } from 'vitest/node';

type ServerModule = typeof import('@private-video/server');

/**
 * What a page's server does before it renders, run in Node as a browser command: @private-video/server refuses
 * to load in a browser (it would hold the API key there). Loaded from its sources, as the tests load everything.
 */
export const serverCommands = {
  /** API key → access token → a fresh private token of the video → the session it opens (spending the token). */
  openServerSession: (async ({ project }, videoId: string, emulatorUrl: string) => {
    const server = await project.import<ServerModule>('@private-video/server');
    const api = server.createApiVideoClient({ apiKey: 'emulator-api-key', baseUrl: emulatorUrl });
    const source = await api.getPrivateVideoSource(videoId);
    const { session } = await server.openSession(source);
    return { source, session };
  }) satisfies BrowserCommand<[videoId: string, emulatorUrl: string]>,

  /**
   * The app's token route, `createPrivateTokenHandler`, answering `GET /api/private-token?videoId=…` (here the
   * request does not cross HTTP; the handler is the same). Its JSON body, as `getPrivateToken` gets it.
   */
  privateTokenRoute: (async ({ project }, videoId: string, emulatorUrl: string) => {
    const server = await project.import<ServerModule>('@private-video/server');
    const client = server.createApiVideoClient({ apiKey: 'emulator-api-key', baseUrl: emulatorUrl });
    const handle = server.createPrivateTokenHandler({ client, authorize: () => true });
    const response = await handle(new Request(`http://app.test/api/private-token?videoId=${videoId}`));
    if (!response.ok)
      throw new Error(`The token route answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as PrivateTokenResponse;
  }) satisfies BrowserCommand<[videoId: string, emulatorUrl: string]>,
};

declare module 'vitest/browser' {
  interface BrowserCommands {
    openServerSession: (
      videoId: string,
      emulatorUrl: string,
    ) => Promise<{ source: PrivateVideoSource; session: OpenedSession['session'] }>;
    privateTokenRoute: (videoId: string, emulatorUrl: string) => Promise<PrivateTokenResponse>;
  }
}
