import { parseArgs } from 'node:util';
import type { EmulatorOptions } from './emulatorOptions.js';
import { parseOrigin } from './http/cors.js';
import { ALLOWED_HOST_FORMS, parseAllowedHost } from './http/parseAllowedHosts.js';
import { MAX_LATENCY_MS } from './validateLatency.js';

export const CLI_USAGE = `Usage: private-video-emulator [options]

  --port N              port to listen on (default 4010; 0 = any free port)
  --host HOST           interface to bind (default 127.0.0.1)
  --public-url URL      origin of every URL given out, e.g. http://emulator:4010 in docker-compose
  --cors-origin ORIGIN  let pages of ORIGIN (e.g. http://app.test:3000) use the API and control API;
                        repeatable; '*' = every origin (default: loopback pages only)
  --allowed-host HOST   let the API and control API answer requests for HOST (e.g. app.test; .app.test =
                        it and its subdomains); repeatable; '*' = every host (default: IP addresses,
                        localhost, *.localhost, the --host and --public-url names)
  --control             enable the /__emulator test-control API
  --manifest-signing    write avh into every child URI of served playlists (native HLS)
  --latency MS          delay every delivery/API response by MS milliseconds
  --session-ttl S       session lifetime in seconds, 1 or more (default 86400)
  --media DIR           add your own videos: one subfolder per video
  --api-key KEY         API key accepted by /auth/api-key and Basic auth (default emulator-api-key)
  -h, --help            show this help`;

export type CliCommand = { help: true } | { help: false; options: EmulatorOptions };

/** Parses CLI flags into emulator options; throws with a readable message on bad input. */
export function parseCliArgs(argv: string[]): CliCommand {
  const { values } = parseArgs({
    args: joinNegativeNumbers(argv),
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'public-url': { type: 'string' },
      'cors-origin': { type: 'string', multiple: true },
      'allowed-host': { type: 'string', multiple: true },
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
    host: nonEmpty(
      '--host',
      'an interface to bind, such as 127.0.0.1 or 0.0.0.0',
      values.host ?? '127.0.0.1',
    ),
    control: values.control ?? false,
    manifestSigning: values['manifest-signing'] ?? false,
  };
  if (values['public-url'] !== undefined) options.publicUrl = values['public-url'];
  if (values['cors-origin'] !== undefined) options.corsOrigins = values['cors-origin'].map(corsOrigin);
  if (values['allowed-host'] !== undefined) options.allowedHosts = allowedHosts(values['allowed-host']);
  if (values.latency !== undefined) options.latencyMs = number('--latency', values.latency, MAX_LATENCY_MS);
  if (values['session-ttl'] !== undefined)
    // 0 would expire every session as it opens: no private video could play.
    options.sessionTtl = number('--session-ttl', values['session-ttl'], Number.MAX_SAFE_INTEGER, 1);
  if (values.media !== undefined) options.mediaDir = nonEmpty('--media', 'a folder of videos', values.media);
  if (values['api-key'] !== undefined)
    options.apiKey = nonEmpty('--api-key', 'a non-empty key', values['api-key']);
  return { help: false, options };
}

function number(flag: string, value: string, max = Number.MAX_SAFE_INTEGER, min = 0): number {
  // Plain digits only: `Number` also reads "0x1F0", "1e3", "4790.0" and " 4790", none of them what the flag says.
  const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new Error(`${flag} expects a whole number between ${min} and ${max}, got "${value}"`);
  }
  return parsed;
}

/**
 * A value that must not be empty (`--host "$UNSET_VAR"`): an empty host would listen on every interface, an
 * empty media folder be skipped without a word, an empty key be matched by empty credentials (`Basic Og==`,
 * `{"apiKey":""}`).
 */
function nonEmpty(flag: string, expected: string, value: string): string {
  if (value === '') throw new Error(`${flag} expects ${expected}, got ""`);
  return value;
}

/** An exact http(s) origin (serialized: `http://App.test:3000/` → `http://app.test:3000`), or `*`. */
function corsOrigin(value: string): string {
  const origin = value === '*' ? value : parseOrigin(value);
  if (origin === undefined) {
    throw new Error(
      `--cors-origin expects an http(s) origin such as http://app.test:3000, without path, query or fragment, or '*'; got "${value}"`,
    );
  }
  return origin;
}

/** Host names (`App.test` → `app.test`), or `true` when one is `*`; every value checked, so no typo hides. */
function allowedHosts(values: string[]): string[] | true {
  const hosts = values.filter((value) => value !== '*').map(allowedHost);
  return hosts.length < values.length ? true : hosts;
}

function allowedHost(value: string): string {
  const host = parseAllowedHost(value);
  if (host === undefined)
    throw new Error(`--allowed-host expects ${ALLOWED_HOST_FORMS}, or '*'; got "${value}"`);
  return host;
}

/** Flags that take a value: `--latency -5` is read as `--latency=-5`. */
const VALUE_FLAGS = [
  '--port',
  '--host',
  '--public-url',
  '--cors-origin',
  '--allowed-host',
  '--latency',
  '--session-ttl',
  '--media',
  '--api-key',
];

/**
 * `--latency -5` as `--latency=-5`: `parseArgs` would take `-5` for a flag and refuse the value as
 * "ambiguous", where the flag's own check says what it accepts. Only for a value that reads as a number,
 * so `--host --control` still lacks its value.
 */
function joinNegativeNumbers(argv: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    if (VALUE_FLAGS.includes(arg) && next !== undefined && /^-[\d.]/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else joined.push(arg);
  }
  return joined;
}
