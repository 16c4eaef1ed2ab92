#!/usr/bin/env node
import type { MintedToken } from './control/types.js';
import { formatBanner } from './formatBanner.js';
import { CLI_USAGE, parseCliArgs } from './parseCliArgs.js';
import { type Emulator, startEmulator } from './startEmulator.js';

async function main(): Promise<void> {
  let command: ReturnType<typeof parseCliArgs>;
  try {
    command = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${CLI_USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (command.help) {
    console.log(CLI_USAGE);
    return;
  }
  // Signals are handled from the start, so a Ctrl-C during start-up is not lost.
  let emulator: Emulator | undefined;
  let closing = false;
  const stop = () => {
    if (closing || !emulator) process.exit(closing ? 1 : 0); // a second Ctrl-C forces the exit
    closing = true;
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  emulator = await startEmulator(command.options);
  const minted = new Map<string, MintedToken>();
  for (const entry of [...emulator.catalog.videos, ...emulator.catalog.liveStreams]) {
    if (entry.public) continue;
    const id = 'videoId' in entry ? entry.videoId : entry.liveStreamId;
    minted.set(id, emulator.mintToken(id));
  }
  console.log(formatBanner(emulator, minted, command.options));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
