import type { PlaybackEngineName } from '@private-video/react';

export interface LatencyArgs {
  /** Delay the emulator adds to every delivery response, in ms. */
  latency: number;
}

/** The args a player story renders with (after Storybook's `mapping`: `engine` is the engine's name). */
export interface PlayerArgs extends LatencyArgs {
  engine: PlaybackEngineName;
  fallback: boolean;
}

/**
 * The `engine` control's values, and the engines they stand for. Storybook drops a URL arg whose value
 * has a dot (`args=engine:video.js`: "Omitted potentially unsafe URL args"), so the control (and the URL)
 * holds these keys; the argType's `mapping` hands the story the engine's name, and `control.labels` shows it.
 */
const engineNames = {
  hlsjs: 'hls.js',
  videojs: 'video.js',
  native: 'native',
} as const satisfies Record<string, PlaybackEngineName>;

export type EngineKey = keyof typeof engineNames;

/**
 * A story's initial `engine` arg: the control's key, which `mapping` turns into the engine's name before
 * the story renders. Storybook's types describe args as the story receives them and know nothing of
 * `mapping`, hence the cast.
 */
export function engineArg(key: EngineKey): PlaybackEngineName {
  return key as unknown as PlaybackEngineName;
}

/** The `engine` argType: `keys` offered in this order, `initial` the story's own initial arg. */
export function engineArgType(keys: readonly EngineKey[], initial: EngineKey, description: string) {
  const names = Object.fromEntries(keys.map((key) => [key, engineNames[key]])) as Record<EngineKey, string>;
  return {
    description,
    options: keys,
    mapping: names,
    control: { type: 'inline-radio', labels: names },
    table: {
      type: { summary: keys.map((key) => `'${engineNames[key]}'`).join(' | ') },
      defaultValue: { summary: engineNames[initial] },
    },
  } as const;
}

export const latencyArgTypes = {
  latency: {
    name: 'latency (ms)',
    description: 'Delay the emulator adds to every delivery response (`control.setLatency`).',
    control: { type: 'range', min: 0, max: 1500, step: 50 },
    table: { type: { summary: 'number' }, defaultValue: { summary: '0' } },
  },
} as const;

/** The player stories' argTypes; `initialEngine` is the story's initial `engine` (hls.js but for video.js's). */
export function playerArgTypes(initialEngine: EngineKey = 'hlsjs') {
  return {
    engine: engineArgType(
      ['hlsjs', 'videojs', 'native'],
      initialEngine,
      'Who plays the HLS stream; `native` plays the mp4.',
    ),
    fallback: {
      description: 'Fall back from HLS to the mp4 (keeping the position) when HLS fails for good.',
      control: { type: 'boolean' },
      table: { type: { summary: 'boolean' }, defaultValue: { summary: 'true' } },
    },
    ...latencyArgTypes,
  } as const;
}

export const playerArgs: PlayerArgs = { engine: engineArg('hlsjs'), fallback: true, latency: 0 };

/** What every demo player shares: muted autoplay (allowed without a click), looping, controls. */
export const playerProps = {
  controls: true,
  autoPlay: true,
  muted: true,
  loop: true,
  playsInline: true,
  className: 'pv-player',
  // video.js sizes itself: fluid keeps the 16:9 box of the other engines.
  videojsOptions: { fluid: true },
} as const;
