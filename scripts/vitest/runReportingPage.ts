import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, defaultClientConditions, type Plugin, type ViteDevServer } from 'vite';
import { hlsNotPlaying, type PageBrowser, pageBrowserLabels, pageBrowsers } from '../pageBrowsers';
import { sourceCondition } from './projects';
import { hlsNotPlayingParameter, reportPath, runParameter } from './reportingPage';

export interface ReportingPageRun {
  browser: PageBrowser;
  /** The package folder whose files Vite serves (its sources, tests and dependencies). */
  root: string;
  /** The page's path under `root`, e.g. `/test/pages/playback.html`. */
  page: string;
  /** Its query string: what the page needs to know (the emulator's URL). */
  query: Record<string, string>;
  /** Dependencies the page imports, pre-bundled before it loads. */
  dependencies: string[];
  /** How long the page may take to post its report, in ms. */
  timeout: number;
  /**
   * How long the page may go without starting its next step (`postProgress`), in ms, before it is given up on
   * as stuck (a browser that hangs posts nothing more): sooner than `timeout`, and it names the step.
   */
  stallTimeout?: number;
}

/**
 * For browsers no Playwright driver works with (Debian's Firefox ESR and WebKitGTK): serves a test page
 * from a package's sources (Vite, as the Chromium tests are served), opens it headless with a fresh
 * profile, and resolves with the report the page posts back (`postReport`). Rejects if the browser exits,
 * the page stalls or the timeout passes first, saying the page's last step and what the browser printed last;
 * the browser, profile and server are gone once it settles.
 */
export async function runReportingPage<Report>({
  browser,
  root,
  page,
  query,
  dependencies,
  timeout,
  stallTimeout,
}: ReportingPageRun): Promise<Report> {
  // A browser left from an earlier run (a page reloading onto this server's port) posts under its own run.
  const run = randomUUID();
  const label = pageBrowserLabels[browser];
  const start = Date.now();
  let step = { name: 'loading the page', at: start };
  const output: string[] = [];
  let child: ChildProcess | undefined;
  /** Where the page stood, the browser's processes and its last words: what a failure says beside its reason. */
  const whereItStood = () =>
    `Its last step: "${step.name}", begun ${Math.round((step.at - start) / 1000)} s in. ` +
    `${label}'s processes then:\n${processesOf(child)}\n` +
    `What ${label} printed last:\n${output.join('').slice(-2000) || '(nothing)'}`;
  let receive!: (report: Report) => void;
  let giveUp!: (reason: string) => void;
  const received = new Promise<Report>((resolve, reject) => {
    receive = resolve;
    giveUp = (reason) => reject(new Error(`${reason}. ${whereItStood()}`));
  });
  let timer: NodeJS.Timeout | undefined;
  let stallTimer: NodeJS.Timeout | undefined;
  let settled = false;
  const watchForStall = () => {
    clearTimeout(stallTimer);
    if (stallTimeout === undefined || settled) return;
    stallTimer = setTimeout(() => giveUp(`${label} began no step for ${stallTimeout} ms`), stallTimeout);
  };
  const receiver = reportReceiver<Report>(run, {
    receive,
    fail: (reason) => giveUp(`The page could not start: ${reason}`),
    progress: (name) => {
      step = { name, at: Date.now() };
      watchForStall();
    },
  });
  const server = await createServer({
    configFile: false,
    root,
    logLevel: 'warn',
    resolve: { conditions: [sourceCondition, ...defaultClientConditions] },
    // Pre-bundled at start: a dependency found mid-run would make Vite reload the page.
    optimizeDeps: { include: dependencies, noDiscovery: true },
    server: { host: '127.0.0.1', port: 0, hmr: false, watch: null },
    plugins: [receiver],
  });
  const profile = await mkdtemp(join(tmpdir(), `private-video-${browser}-`));
  try {
    await server.listen();
    const address = server.httpServer?.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const search = new URLSearchParams({
      ...query,
      [runParameter]: run,
      [hlsNotPlayingParameter]: hlsNotPlaying[browser].join(','),
    });
    const url = `http://127.0.0.1:${port}${page}?${search}`;
    const { command, args, env } = await pageBrowsers[browser](url, profile);
    // Its own process group: a launcher's children (a display server, the browser's own processes) go with it.
    child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
      detached: true,
    });
    for (const stream of [child.stdout, child.stderr])
      stream?.on('data', (chunk) => output.push(String(chunk)));
    child.on('error', (error) => giveUp(`${label} could not start: ${error.message}`));
    child.on('exit', (code) => giveUp(`${label} exited (${code}) first`));
    timer = setTimeout(() => giveUp(`No report from ${label} within ${timeout} ms`), timeout);
    watchForStall();
    return await received;
  } finally {
    settled = true;
    clearTimeout(timer);
    clearTimeout(stallTimer);
    await stopGroup(child);
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
}

/**
 * The processes of the browser's group (Linux's `/proc`), each with its state, where its main thread waits and
 * how many of its threads run: a page that stalled in a web process that is gone (crashed), spinning (its main
 * thread running) or blocked (waiting on a lock: `futex_…`) says which.
 */
function processesOf(child: ChildProcess | undefined): string {
  if (child?.pid === undefined) return '(not started)';
  const rows: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The name may hold spaces and parentheses: the fields come after the last ')'.
      const close = stat.lastIndexOf(')');
      const [state, , group] = stat.slice(close + 2).split(' ');
      if (group !== String(child.pid)) continue;
      const threads = readdirSync(`/proc/${pid}/task`);
      // A thread may end as it is read (media threads come and go).
      const running = threads.filter((thread) =>
        readOr(`/proc/${pid}/task/${thread}/stat`).split(') ').at(-1)?.startsWith('R'),
      ).length;
      const waiting = readOr(`/proc/${pid}/wchan`) || 'nothing';
      rows.push(
        `  ${pid} ${stat.slice(stat.indexOf('(') + 1, close)}: ${state}, its main thread waiting in ${waiting}, ` +
          `${running} of ${threads.length} threads running`,
      );
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return rows.join('\n') || '(none left)';
}

/** The text of a file, or '' if it cannot be read. */
function readOr(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Ends the browser's whole process group (killed outright if it lingers), once the launched process exits. */
async function stopGroup(child: ChildProcess | undefined): Promise<void> {
  if (child?.pid === undefined) return;
  const group = -child.pid;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(group, name);
    } catch {
      // the group is gone already
    }
  };
  const running = child.exitCode === null && child.signalCode === null;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signal('SIGTERM');
  const lingering = setTimeout(() => signal('SIGKILL'), 5_000);
  if (running) await exited;
  clearTimeout(lingering);
  signal('SIGKILL'); // what ignored SIGTERM while the launcher itself exited
}

/**
 * A page that cannot start (a script that does not load, code the browser cannot parse) would post nothing:
 * this script, first in the page, says why at once instead of leaving the run to its timeout.
 */
const failureReporter = (failurePath: string) => `addEventListener('error', (event) => {
  const script = event.target instanceof HTMLScriptElement ? event.target.src : '';
  if (!script && !(event.error instanceof SyntaxError)) return;
  fetch('${failurePath}', { method: 'POST', body: script ? 'could not load ' + script : String(event.error) });
}, true);`;

interface ReportHandlers<Report> {
  receive: (report: Report) => void;
  /** Why the page cannot start. */
  fail: (reason: string) => void;
  /** The step the page begins. */
  progress: (step: string) => void;
}

/** Receives the run's report, posted as JSON under `reportPath`, the steps it begins, or why it cannot start. */
function reportReceiver<Report>(run: string, { receive, fail, progress }: ReportHandlers<Report>): Plugin {
  const failurePath = `${reportPath}/${run}/failure`;
  const receiving = (path: string, take: (body: string) => void) => (server: ViteDevServer) =>
    server.middlewares.use(path, (request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        response.end();
        take(body);
      });
    });
  return {
    name: 'page-report',
    configureServer(server) {
      // Before the report's own path, which Connect would match as their prefix.
      receiving(failurePath, fail)(server);
      receiving(`${reportPath}/${run}/progress`, progress)(server);
      receiving(`${reportPath}/${run}`, (body) => receive(JSON.parse(body) as Report))(server);
    },
    transformIndexHtml: () => [
      { tag: 'script', children: failureReporter(failurePath), injectTo: 'head-prepend' },
    ],
  };
}
