import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, defaultClientConditions, type Plugin } from 'vite';
import { firefoxPath, firefoxTestPrefs } from '../firefox';
import { firefoxReportPath } from './firefoxPage';
import { sourceCondition } from './projects';

export interface FirefoxRun {
  /** The package folder whose files Vite serves (its sources, tests and dependencies). */
  root: string;
  /** The page's path under `root`, e.g. `/test/firefox/index.html`. */
  page: string;
  /** Its query string: what the page needs to know (the emulator's URL). */
  query: Record<string, string>;
  /** Dependencies the page imports, pre-bundled before it loads. */
  dependencies: string[];
  /** How long the page may take to post its report, in ms. */
  timeout: number;
}

/**
 * Serves a test page from a package's sources (Vite, as the Chromium tests are served), opens it in a
 * headless Firefox with a fresh profile, and resolves with the report the page posts back
 * (`postFirefoxReport`). Rejects if Firefox exits or the timeout passes first; the browser, profile and
 * server are gone once it settles.
 */
export async function runInFirefox<Report>({
  root,
  page,
  query,
  dependencies,
  timeout,
}: FirefoxRun): Promise<Report> {
  let receive!: (report: Report) => void;
  const received = new Promise<Report>((resolve) => {
    receive = resolve;
  });
  const server = await createServer({
    configFile: false,
    root,
    logLevel: 'warn',
    resolve: { conditions: [sourceCondition, ...defaultClientConditions] },
    // Pre-bundled at start: a dependency found mid-run would make Vite reload the page.
    optimizeDeps: { include: dependencies, noDiscovery: true },
    server: { host: '127.0.0.1', port: 0, hmr: false, watch: null },
    plugins: [reportReceiver(receive)],
  });
  const profile = await mkdtemp(join(tmpdir(), 'private-video-firefox-'));
  let firefox: ReturnType<typeof spawn> | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    await server.listen();
    const address = server.httpServer?.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const url = `http://127.0.0.1:${port}${page}?${new URLSearchParams(query)}`;
    const prefs = Object.entries(firefoxTestPrefs)
      .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});\n`)
      .join('');
    await writeFile(join(profile, 'user.js'), prefs);
    const output: string[] = [];
    firefox = spawn(firefoxPath, ['--headless', '--no-remote', '--profile', profile, url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [firefox.stdout, firefox.stderr])
      stream?.on('data', (chunk) => output.push(String(chunk)));
    const exited = new Promise<never>((_resolve, reject) => {
      firefox?.on('error', reject);
      firefox?.on('exit', (code) =>
        reject(new Error(`Firefox exited (${code}) first:\n${output.join('').slice(-2000)}`)),
      );
    });
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`No report from Firefox within ${timeout} ms`)), timeout);
    });
    return await Promise.race([received, exited, timedOut]);
  } finally {
    clearTimeout(timer);
    firefox?.kill();
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
}

/** Receives the page's report, posted as JSON to `firefoxReportPath`. */
function reportReceiver<Report>(receive: (report: Report) => void): Plugin {
  return {
    name: 'firefox-report',
    configureServer(server) {
      server.middlewares.use(firefoxReportPath, (request, response) => {
        let body = '';
        request.on('data', (chunk) => {
          body += chunk;
        });
        request.on('end', () => {
          response.end();
          receive(JSON.parse(body) as Report);
        });
      });
    },
  };
}
