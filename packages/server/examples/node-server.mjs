// A minimal Node server for private videos (no framework):
//   GET /api/private-token?videoId=vi…  → { videoId, privateToken, live, public, assets } for the player
//       (or /api/private-token/vi…, the handler reads both)
//   GET /watch?videoId=vi…              → an HTML page with URLs signed on the server (no /session in the browser)
//
// Run it after `npm run build` (it imports the package by name):
//   APIVIDEO_API_KEY=… VIDEO_IDS=vi1,vi2 node examples/node-server.mjs
// Against the local emulator: APIVIDEO_BASE_URL=http://127.0.0.1:4010 APIVIDEO_API_KEY=emulator-api-key
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import {
  createApiVideoClient,
  createPrivateTokenHandler,
  openSession,
  toNodeHandler,
} from '@private-video/server';

/**
 * Builds the server; `listen` is left to the caller so tests can pick a free port.
 * @param {{ apiKey: string, baseUrl?: string, videoIds: string[] }} options
 */
export function createExampleServer({ apiKey, baseUrl, videoIds }) {
  const client = createApiVideoClient({ apiKey, baseUrl });
  const allowed = new Set(videoIds);

  const privateToken = toNodeHandler(
    createPrivateTokenHandler({
      client,
      // Replace with your own check: the user's session cookie, their purchases… This demo allows a list.
      authorize: (_request, videoId) => allowed.has(videoId),
      onError: (error) => console.error('private token:', error),
    }),
  );

  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (/^\/api\/private-token(\/|$)/.test(url.pathname)) return privateToken(req, res);
    if (url.pathname === '/watch') return watch(url.searchParams.get('videoId'), res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  });

  /** Seed 001's flow on the server: mint a token, open the session, render signed URLs. */
  async function watch(videoId, res) {
    if (videoId === null || !allowed.has(videoId)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden');
      return;
    }
    try {
      const { assets } = await openSession(await client.getPrivateVideoSource(videoId));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(`<!doctype html>
<title>Private video</title>
<a href="${escapeHtml(assets.mp4 ?? assets.hls)}"><img src="${escapeHtml(assets.thumbnail)}" width="320" alt=""></a>
<video controls width="640" src="${escapeHtml(assets.mp4 ?? '')}"></video>`);
    } catch (error) {
      console.error('watch:', error);
      res.writeHead(502, { 'content-type': 'text/plain' }).end('Could not load the video');
    }
  }
}

function escapeHtml(text) {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

// Started directly (not imported by a test): listen on PORT.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const apiKey = process.env.APIVIDEO_API_KEY;
  if (!apiKey) throw new Error('Set APIVIDEO_API_KEY (your api.video API key).');
  const server = createExampleServer({
    apiKey,
    baseUrl: process.env.APIVIDEO_BASE_URL,
    videoIds: (process.env.VIDEO_IDS ?? '').split(',').filter(Boolean),
  });
  const port = Number(process.env.PORT ?? 3000);
  server.listen(port, () => console.log(`http://localhost:${port}/api/private-token?videoId=…`));
}
