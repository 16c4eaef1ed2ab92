import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, defaultClientConditions, type Plugin } from 'vite';
import { firefoxPath, firefoxTestPrefs } from '../../../../scripts/firefox';
import { sourceCondition } from '../../../../scripts/vitest/projects';
import { type FirefoxReport, reportPath } from './scenarioOutcome.js';

const coreRoot = new URL('../..', import.meta.url).pathname;

/**
 * Serves the Firefox page from core's sources (Vite, as the Chromium tests are served), opens it in a
 * headless Firefox with a fresh profile, and resolves with the report the page posts back. Rejects if
 * Firefox exits or `timeout` ms pass first; the browser, profile and server are gone once it settles.
 */
export async function runInFirefox(query: Record<string, string>, timeout: number): Promise<FirefoxReport> {
  let receive!: (report: FirefoxReport) => void;
  const received = new Promise<FirefoxReport>((resolve) => {
    receive = resolve;
  });
  const server = await createServer({
    configFile: false,
    root: coreRoot,
    logLevel: 'warn',
    resolve: { conditions: [sourceCondition, ...defaultClientConditions] },
    // Pre-bundled at start: a dependency found mid-run would make Vite reload the page.
    optimizeDeps: { include: ['hls.js', 'video.js'], noDiscovery: true },
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
    const page = `http://127.0.0.1:${port}/test/firefox/index.html?${new URLSearchParams(query)}`;
    const prefs = Object.entries(firefoxTestPrefs)
      .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});\n`)
      .join('');
    await writeFile(join(profile, 'user.js'), prefs);
    const output: string[] = [];
    firefox = spawn(firefoxPath, ['--headless', '--no-remote', '--profile', profile, page], {
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

/** Receives the page's report, posted as JSON to `reportPath`. */
function reportReceiver(receive: (report: FirefoxReport) => void): Plugin {
  return {
    name: 'firefox-report',
    configureServer(server) {
      server.middlewares.use(reportPath, (request, response) => {
        let body = '';
        request.on('data', (chunk) => {
          body += chunk;
        });
        request.on('end', () => {
          response.end();
          receive(JSON.parse(body) as FirefoxReport);
        });
      });
    },
  };
}
