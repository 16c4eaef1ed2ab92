import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createEmulatorControl } from '@private-video/emulator/control';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium';
import { type StoryIndex, storyIdOf } from './stories';
import { expectOneSignedSession } from './storyChecks';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const host = '127.0.0.1';

/**
 * The README's demo command, as a user runs it (`npm run demo`), in its own process group as a terminal
 * would run it, so the test can press Ctrl-C on the whole group. The install is skipped: the test run
 * already installed, and a second install would relink node_modules under the other tests.
 */
function runDemo(env: Record<string, string>) {
  const child = spawn('npm', ['run', '--silent', 'demo'], {
    cwd: repoRoot,
    detached: true,
    env: { ...process.env, ...env, DEMO_SKIP_INSTALL: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const exited = once(child, 'exit').then(([code, signal]) => ({ code, signal, output }));
  return { child, exited, output: () => output };
}

/** Resolves once the output shows `text`; rejects with the output if the command exits first. */
function outputShows(demo: ReturnType<typeof runDemo>, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!demo.output().includes(text)) return;
      demo.child.stdout!.off('data', check);
      resolve();
    };
    demo.child.stdout!.on('data', check);
    demo.exited.then(({ code, output }) => reject(new Error(`the demo exited (${code}) early:\n${output}`)));
    check();
  });
}

/** A port nothing listens on now (the OS picks it). */
async function freePort(): Promise<number> {
  const server = await listening(0);
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

async function listening(port: number): Promise<Server> {
  const server = createServer();
  server.listen(port, host);
  await once(server, 'listening');
  return server;
}

/** Whether a server could listen on `port` now, i.e. the demo let go of it. */
async function isFree(port: number): Promise<boolean> {
  try {
    const server = await listening(port);
    server.close();
    await once(server, 'close');
    return true;
  } catch {
    return false;
  }
}

let running: ReturnType<typeof runDemo> | undefined;

afterEach(async () => {
  // A failed test leaves no server behind. SIGTERM, not SIGKILL: the script's trap stops the emulator and
  // Storybook, which run in process groups of their own.
  const { child, exited } = running ?? {};
  running = undefined;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
});

describe('bash scripts/demo.sh --help', () => {
  it('prints the script’s header comment, usage to environment, and no line of its code', () => {
    const { status, stdout } = spawnSync('bash', ['scripts/demo.sh', '--help'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^`npm run demo`: /);
    expect(lines.at(-1)).toMatch(/^Environment: EMULATOR_PORT/);
    expect(stdout).not.toMatch(/^(set|cd) /m);
    expect(stdout).not.toMatch(/^#/m);
  });
});

describe('npm run demo (the README command)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('serves the Storybook against its emulator, plays a story, and Ctrl-C stops both', async () => {
    const emulatorPort = await freePort();
    const demoPort = await freePort();
    const demo = runDemo({ EMULATOR_PORT: String(emulatorPort), DEMO_PORT: String(demoPort) });
    running = demo;
    await outputShows(demo, 'Ctrl-C stops both');
    const demoUrl = `http://${host}:${demoPort}`;
    const emulatorUrl = `http://${host}:${emulatorPort}`;
    expect(demo.output()).toContain(`Demo      ${demoUrl}`);

    // The Storybook's stories, through the dev server the user opens, talking to the emulator it started.
    const index = (await (await fetch(`${demoUrl}/index.json`)).json()) as StoryIndex;
    const page = await browser.newPage();
    try {
      await page.goto(
        `${demoUrl}/iframe.html?id=${storyIdOf(index, 'Thumbnail.stories.tsx')}&viewMode=story`,
      );
      await page.waitForFunction(
        () => {
          const img = document.querySelector('img');
          return img?.complete && img.naturalWidth > 0 && img.src.includes('avh=');
        },
        null,
        // The dev server compiles the story on this first request.
        { timeout: 90_000 },
      );
    } finally {
      await page.close();
    }
    const log = await createEmulatorControl(emulatorUrl).log();
    expectOneSignedSession(log.filter((entry) => entry.videoId === 'viPrivateTs'));

    process.kill(-demo.child.pid!, 'SIGINT');
    await demo.exited;
    expect(await isFree(emulatorPort)).toBe(true);
    expect(await isFree(demoPort)).toBe(true);
  }, 240_000);

  it.each(['EMULATOR_PORT', 'DEMO_PORT'])(
    'refuses to start when %s is busy, and says so',
    async (name) => {
      const busy = await listening(0);
      try {
        const { port } = busy.address() as { port: number };
        const ports = { EMULATOR_PORT: String(await freePort()), DEMO_PORT: String(await freePort()) };
        const demo = runDemo({ ...ports, [name]: String(port) });
        running = demo;
        const { code, output } = await demo.exited;
        expect(code).toBe(1);
        expect(output).toContain(`port ${port} is busy: set ${name} to a free one`);
      } finally {
        busy.close();
      }
    },
    120_000,
  );
});
