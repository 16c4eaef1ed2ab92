// What a page renders: a fresh private token from the API (the emulator's, see smoke.mjs) and a session opened
// on the server with it, as the react README's "server-opened session" shows. The client is made at the first
// request, where the environment has the key (`next build` runs without it).
import { type ApiVideoClient, createApiVideoClient, openSession } from '@private-video/server';

let client: ApiVideoClient | undefined;

export async function privateVideo(videoId: string) {
  client ??= createApiVideoClient({
    apiKey: process.env.APIVIDEO_API_KEY ?? '',
    baseUrl: process.env.APIVIDEO_API_URL,
  });
  const source = await client.getPrivateVideoSource(videoId);
  const { session } = await openSession(source);
  return { source, session };
}
