import { expect, it } from 'vitest';
import { createPrivatePlayback } from '../src/playback/PrivatePlayback.js';
import { preloadEngine } from '../src/playback/preloadEngine.js';
import {
  cleanUpEachTest,
  control,
  createClient,
  createVideo,
  deliveryLog,
  emulatorUrl,
  keep,
  playedPast,
} from './browserHelpers.js';

cleanUpEachTest();

/** The scripts of the hls.js engine this page has downloaded (its adapter and hls.js itself). */
const hlsScripts = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => /hlsEngine|hls[._]js/.test(name));

it('downloads the hls.js engine ahead of its player, which then plays without downloading it again', async () => {
  expect(hlsScripts()).toEqual([]);
  await preloadEngine('hls.js');
  const downloaded = hlsScripts();
  expect(downloaded.some((name) => name.includes('hlsEngine'))).toBe(true);

  const { privateToken } = await control.mintToken('viPrivateTs');
  // Nothing but code: no session was opened, no media asked for.
  expect(await deliveryLog('viPrivateTs')).toEqual([]);
  const { video } = createVideo();
  keep(
    createPrivatePlayback(
      video,
      { videoId: 'viPrivateTs', privateToken, domains: { vod: emulatorUrl } },
      { client: createClient(), autoPlay: true },
    ),
  );
  await playedPast(video, 0.5);
  expect(hlsScripts()).toEqual(downloaded);
});
