import type { PlaybackEngineName } from '@private-video/react';

export interface LatencyArgs {
  /** Delay the emulator adds to every delivery response, in ms. */
  latency: number;
}

export interface PlayerArgs extends LatencyArgs {
  engine: PlaybackEngineName;
  fallback: boolean;
}

export const latencyArgTypes = {
  latency: {
    name: 'latency (ms)',
    description: 'Delay the emulator adds to every delivery response (`control.setLatency`).',
    control: { type: 'range', min: 0, max: 1500, step: 50 },
  },
} as const;

export const playerArgTypes = {
  engine: {
    description: 'Who plays the HLS stream; `native` plays the mp4.',
    options: ['hls.js', 'video.js', 'native'],
    control: { type: 'inline-radio' },
  },
  fallback: {
    description: 'Fall back from HLS to the mp4 (keeping the position) when HLS fails for good.',
    control: { type: 'boolean' },
  },
  ...latencyArgTypes,
} as const;

export const playerArgs: PlayerArgs = { engine: 'hls.js', fallback: true, latency: 0 };

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
