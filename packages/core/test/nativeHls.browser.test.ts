import { createEmulatorControl } from '@private-video/emulator/control';
import { playedPast } from '@private-video/test-utils';
import { afterEach, expect, inject, it } from 'vitest';
import { createPrivatePlayback, type PrivatePlayback } from '../src/playback/PrivatePlayback.js';
import type { PrivatePlaybackOptions } from '../src/playback/types.js';
import { SessionClient } from '../src/session/SessionClient.js';
import { createVideo, expectGivenUpAfterShortTimeout, shortAnswerTimeout } from './browserHelpers.js';

const signingUrl = inject('signingEmulatorUrl');
const signing = createEmulatorControl(signingUrl);
let cleanup: (() => void) | undefined;

afterEach(() => cleanup?.());

function playNatively(
  privateToken: string,
  extra: Partial<PrivatePlaybackOptions> = {},
): { video: HTMLVideoElement; playback: PrivatePlayback } {
  const { video, container } = createVideo();
  const playback = createPrivatePlayback(
    video,
    { videoId: 'viPrivateTs', privateToken, domains: { vod: signingUrl } },
    {
      client: new SessionClient({ storage: null }),
      engine: 'native',
      nativeHls: true,
      autoPlay: true,
      ...extra,
    },
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

it('renews a session its manifest was refused on and plays HLS natively, not the mp4', async () => {
  await signing.reset();
  const { privateToken } = await signing.mintToken('viPrivateTs');
  const getPrivateToken = async () => (await signing.mintToken('viPrivateTs')).privateToken;
  // The manifest is refused, to the player and to the session check: a dead session. The browser's own
  // player tells no status, only a MediaError.
  await signing.addFault({ match: { videoId: 'viPrivateTs', kind: 'manifest' }, status: 403, count: 2 });
  const { video, playback } = playNatively(privateToken, { getPrivateToken });
  await playedPast(video, 1);
  expect(playback.getSource()).toBe('hls');
  const log = (await signing.log()).filter((entry) => entry.videoId === 'viPrivateTs');
  expect(log.filter((entry) => entry.kind === 'session').map((entry) => entry.status)).toEqual([200, 200]);
  expect(log.some((entry) => entry.kind === 'mp4')).toBe(false);
});

// Chromium's native HLS says `stalled` about every 3 s as it plays well (it fires `progress` once per load): a
// reload for each restarted the stream again and again. Only a source with nothing loaded is asked for again.
it('asks again for a manifest that never answered, then plays on with no more reloads', async () => {
  await signing.reset();
  const { privateToken } = await signing.mintToken('viPrivateTs');
  await signing.addFault({ match: { videoId: 'viPrivateTs', kind: 'manifest' }, hang: true, count: 1 });
  const { video, playback } = playNatively(privateToken);
  await playedPast(video, 8);
  expect(playback.getSource()).toBe('hls');
  const manifests = (await signing.log()).filter(
    (entry) => entry.videoId === 'viPrivateTs' && entry.kind === 'manifest',
  );
  expect(manifests.map((entry) => entry.rule)).toEqual(['fault-hang', 'signed']);
}, 30_000);

// Chromium's native HLS says nothing, not even `stalled`, while a playlist or a first segment gets no answer:
// it stayed 'loading' for good.
it.each(['playlist', 'segment'] as const)(
  'asks again for a source whose %s never answered, its answerTimeout after it started loading, and plays',
  async (kind) => {
    await signing.reset();
    const { privateToken } = await signing.mintToken('viPrivateTs');
    await signing.addFault({ match: { videoId: 'viPrivateTs', kind }, hang: true, count: 1 });
    const { video, playback } = playNatively(privateToken, { answerTimeout: shortAnswerTimeout });
    const failed = new Promise<never>((_resolve, reject) => playback.on('error', reject));
    await Promise.race([playedPast(video, 1), failed]);
    expect(playback.getSource()).toBe('hls');
    const log = (await signing.log()).filter((entry) => entry.videoId === 'viPrivateTs');
    expect(log.filter((entry) => entry.rule === 'fault-hang')).toHaveLength(1);
    expect(log.filter((entry) => entry.kind === 'manifest')).toHaveLength(2);
    expectGivenUpAfterShortTimeout(log);
  },
  30_000,
);
