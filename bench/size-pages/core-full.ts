// All of core's index, playback controller included; the engines stay lazy chunks.
export * from '@private-video/core';
