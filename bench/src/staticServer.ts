import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { buildDir } from './paths';

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

const types: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html' };

/**
 * Serves the built pages on a free loopback port: `/{variant}/{page}.html` is a generated shell that
 * loads `/{variant}/{page}.js`; its configuration travels in the URL fragment, so one shell serves every run.
 */
export async function startStaticServer(): Promise<StaticServer> {
  const root = join(buildDir, 'pages');
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (path.includes('..')) {
      res.writeHead(400).end();
      return;
    }
    if (path.endsWith('.html')) {
      const script = path.replace(/\.html$/, '.js');
      res.writeHead(200, { 'Content-Type': types['.html'], 'Cache-Control': 'no-store' });
      res.end(
        `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><div id="root"></div><script type="module" src="${script}"></script>`,
      );
      return;
    }
    try {
      const body = await readFile(join(root, path));
      res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
