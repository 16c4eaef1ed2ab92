import { createEmulatorControl } from '@private-video/emulator/control';
import { playedPast } from '@private-video/test-utils';
import { afterEach, expect, inject, it } from 'vitest';
import { createPrivatePlayback, type PrivatePlayback } from '../src/playback/PrivatePlayback.js';
import { SessionClient } from '../src/session/SessionClient.js';
import { createVideo } from './browserHelpers.js';

const signingUrl = inject('signingEmulatorUrl');
const signing = createEmulatorControl(signingUrl);
let cleanup: (() => void) | undefined;

afterEach(() => cleanup?.());

function playNatively(privateToken: string): { video: HTMLVideoElement; playback: PrivatePlayback } {
  const { video, container } = createVideo();
  const playback = createPrivatePlayback(
    video,
    { videoId: 'viPrivateTs', privateToken, domains: { vod: signingUrl } },
    { client: new SessionClient({ storage: null }), engine: 'native', nativeHls: true, autoPlay: true },
  );
  cleanup = () => {
    playback.destroy();
    container.remove();
  };
  return { video, playback };
}

it('plays HLS natively when the delivery signs every child URI, with every request signed', async () => {
  await signing.reset();
  const { privateToken } = await signing.mintToken('viPrivateTs');
  const { video, playback } = playNatively(privateToken);
  await playedPast(video, 1.5);
  expect(playback.getSource()).toBe('hls');
  const log = (await signing.log()).filter((entry) => entry.videoId === 'viPrivateTs');
  expect(log.filter((entry) => entry.kind === 'session')).toHaveLength(1);
  expect(log.some((entry) => entry.kind === 'playlist')).toBe(true);
  expect(log.some((entry) => entry.kind === 'segment')).toBe(true);
  expect(log.filter((entry) => entry.kind !== 'session' && (!entry.avh || entry.status >= 400))).toEqual([]);
});
