import { parseArgs } from 'node:util';
import type { EmulatorOptions } from './emulatorOptions.js';
import { MAX_LATENCY_MS } from './validateLatency.js';

export const CLI_USAGE = `Usage: private-video-emulator [options]

  --port N              port to listen on (default 4010; 0 = any free port)
  --host HOST           interface to bind (default 127.0.0.1)
  --control             enable the /__emulator test-control API
  --manifest-signing    write avh into every child URI of served playlists (native HLS)
  --latency MS          delay every delivery/API response by MS milliseconds
  --session-ttl S       session lifetime in seconds (default 86400)
  --media DIR           add your own videos: one subfolder per video
  --api-key KEY         API key accepted by /auth/api-key and Basic auth (default emulator-api-key)
  -h, --help            show this help`;

export type CliCommand = { help: true } | { help: false; options: EmulatorOptions };

/** Parses CLI flags into emulator options; throws with a readable message on bad input. */
export function parseCliArgs(argv: string[]): CliCommand {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      control: { type: 'boolean' },
      'manifest-signing': { type: 'boolean' },
      latency: { type: 'string' },
      'session-ttl': { type: 'string' },
      media: { type: 'string' },
      'api-key': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true };
  const options: EmulatorOptions = {
    port: number('--port', values.port ?? '4010', 65_535),
    host: values.host ?? '127.0.0.1',
    control: values.control ?? false,
    manifestSigning: values['manifest-signing'] ?? false,
  };
  if (values.latency !== undefined) options.latencyMs = number('--latency', values.latency, MAX_LATENCY_MS);
  if (values['session-ttl'] !== undefined)
    options.sessionTtl = number('--session-ttl', values['session-ttl']);
  if (values.media !== undefined) options.mediaDir = values.media;
  if (values['api-key'] !== undefined) options.apiKey = values['api-key'];
  return { help: false, options };
}

function number(flag: string, value: string, max = Number.MAX_SAFE_INTEGER): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isInteger(parsed) || parsed < 0 || parsed > max) {
    throw new Error(`${flag} expects a whole number between 0 and ${max}, got "${value}"`);
  }
  return parsed;
}
