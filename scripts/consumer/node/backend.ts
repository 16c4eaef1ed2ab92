// A user's Node backend, written only against the published @private-video/server as its README shows it:
// an API client, the private-token handler behind `toNodeHandler`, and the app's static files.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import {
  type ApiVideoClient,
  createApiVideoClient,
  createPrivateTokenHandler,
  type PrivateVideoSource,
  toNodeHandler,
} from '@private-video/server';

export interface BackendOptions {
  /** The API's base URL: here the emulator's. */
  baseUrl: string;
  apiKey: string;
  /** The videos `/api/private-token` may mint tokens of. */
  allowed: readonly string[];
  /** The bundled app (index.html and its chunks). */
  staticDir: string;
}

export interface Backend {
  url: string;
  client: ApiVideoClient;
  /** What the page plays: a fresh private token each, as a server would render it. */
  source(videoId: string): Promise<PrivateVideoSource>;
  /** Every file request that was not answered 200 (a missing chunk, say). */
  missing: string[];
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
};

export async function startBackend(options: BackendOptions): Promise<Backend> {
  const client = createApiVideoClient({ apiKey: options.apiKey, baseUrl: options.baseUrl });
  const allowed = new Set(options.allowed);
  const errors: unknown[] = [];
  const privateToken = toNodeHandler(
    createPrivateTokenHandler({
      client,
      authorize: (_request, videoId) => allowed.has(videoId),
      onError: (error) => errors.push(error),
    }),
  );
  const missing: string[] = [];

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (/^\/api\/private-token(\/|$)/.test(url.pathname)) return privateToken(req, res);
    const path = normalize(decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname));
    try {
      if (path.includes('..')) throw new Error('outside the app');
      const body = await readFile(join(options.staticDir, path));
      res.writeHead(200, { 'Content-Type': contentTypes[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      missing.push(url.pathname);
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    client,
    source: (videoId) => client.getPrivateVideoSource(videoId),
    missing,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        if (errors.length > 0) console.error('token handler errors:', errors);
      }),
  };
}
