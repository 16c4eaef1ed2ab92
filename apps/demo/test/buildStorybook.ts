import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const demoDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * Builds the demo (Storybook's static build) into `outDir`, pointed at `emulatorUrl`: the same build a
 * user gets from `pnpm --filter demo build`, so the smoke test covers what ships.
 */
export function buildStorybook(outDir: string, emulatorUrl: string): Promise<void> {
  const bin = fileURLToPath(new URL('../node_modules/.bin/storybook', import.meta.url));
  const child = spawn(bin, ['build', '--output-dir', outDir, '--quiet', '--disable-telemetry'], {
    cwd: demoDir,
    env: { ...process.env, VITE_EMULATOR_URL: emulatorUrl, STORYBOOK_DISABLE_TELEMETRY: '1', CI: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`storybook build exited with ${code}:\n${output}`)),
    );
  });
}
