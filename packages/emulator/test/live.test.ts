import { describe, expect, it } from 'vitest';
import { LIVE_WINDOW } from '../src/livePlaylist.js';
import { emulatorForTest, manualClock, withAvh } from './helpers.js';

function segmentUris(playlist: string): string[] {
  return playlist.split('\n').filter((line) => line && !line.startsWith('#'));
}

describe('live streams', () => {
  it('plays a private live stream: session, then signed playlist, segments and thumbnail', async () => {
    const emulator = await emulatorForTest();
    const minted = emulator.mintToken('liPrivateLive');
    expect(minted.live).toBe(true);
    expect(minted.urls.hls).toBe(`${emulator.url}/private/${minted.privateToken}/liPrivateLive.m3u8`);
    const { session_token: avh } = (await (await fetch(minted.urls.session)).json()) as {
      session_token: string;
    };
    const response = await fetch(withAvh(minted.urls.hls, avh));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const uris = segmentUris(await response.text());
    expect(uris).toHaveLength(LIVE_WINDOW);
    expect(uris[0]).toMatch(/^liPrivateLive\/seg_\d{3,}\.ts$/);
    const segment = await fetch(withAvh(new URL(uris[0] ?? '', minted.urls.hls).toString(), avh));
    expect(segment.status).toBe(200);
    expect(segment.headers.get('content-type')).toBe('video/mp2t');
    await segment.arrayBuffer();
    const thumbnail = await fetch(withAvh(minted.urls.thumbnail, avh));
    expect(thumbnail.headers.get('content-type')).toBe('image/jpeg');
    expect(emulator.log().map((entry) => [entry.kind, entry.rule])).toEqual([
      ['session', 'session-opened'],
      ['manifest', 'signed'],
      ['segment', 'signed'],
      ['thumbnail', 'signed'],
    ]);
  });

  it('refuses private live requests without a session once the token is used', async () => {
    const emulator = await emulatorForTest();
    const { urls } = emulator.mintToken('liPrivateLive');
    expect((await fetch(urls.hls)).status).toBe(200);
    expect((await fetch(urls.hls)).status).toBe(404);
    expect(emulator.log().at(-1)?.rule).toBe('token-used');
  });

  it('slides the window with the clock and marks loop restarts as discontinuities', async () => {
    const clock = manualClock();
    const emulator = await emulatorForTest({ now: clock.now });
    const url = `${emulator.url}/liPublicLive.m3u8`;
    const first = await (await fetch(url)).text();
    expect(first).toContain('#EXT-X-MEDIA-SEQUENCE:0');
    expect(segmentUris(first)).toEqual([
      'liPublicLive/seg_000.ts',
      'liPublicLive/seg_001.ts',
      'liPublicLive/seg_002.ts',
    ]);
    clock.advance(10); // 2 s segments: five segments later
    const later = await (await fetch(url)).text();
    expect(later).toContain('#EXT-X-MEDIA-SEQUENCE:5');
    expect(later).toContain('#EXT-X-DISCONTINUITY-SEQUENCE:0');
    // The built-in loop has 6 segments, so seq 6 restarts it.
    expect(later).toMatch(/seg_005\.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:[\d.]+,\nliPublicLive\/seg_006\.ts/);
    expect(later).not.toContain('#EXT-X-ENDLIST');
    const looped = await fetch(`${emulator.url}/liPublicLive/seg_006.ts`);
    const firstFile = await fetch(`${emulator.url}/liPublicLive/seg_000.ts`);
    expect(Buffer.from(await looped.arrayBuffer()).equals(Buffer.from(await firstFile.arrayBuffer()))).toBe(
      true,
    );
  });

  it('counts the loop restarts slid out of the window in EXT-X-DISCONTINUITY-SEQUENCE, marking none before its first segment', async () => {
    const clock = manualClock();
    const emulator = await emulatorForTest({ now: clock.now });
    const url = `${emulator.url}/liPublicLive.m3u8`;
    const tags = (playlist: string) => playlist.split('\n').filter((line) => line === '#EXT-X-DISCONTINUITY');
    clock.advance(12); // 2 s segments, a loop of 6: the window starts at seq 6, the first restart
    const restarted = await (await fetch(url)).text();
    expect(restarted).toContain('#EXT-X-MEDIA-SEQUENCE:6');
    expect(restarted).toContain('#EXT-X-DISCONTINUITY-SEQUENCE:1');
    expect(segmentUris(restarted)[0]).toBe('liPublicLive/seg_006.ts');
    expect(tags(restarted)).toEqual([]);
    clock.advance(20); // seq 16 to 18: the restart at 18 is in the window, that at 12 slid out
    const later = await (await fetch(url)).text();
    expect(later).toContain('#EXT-X-MEDIA-SEQUENCE:16');
    expect(later).toContain('#EXT-X-DISCONTINUITY-SEQUENCE:2');
    expect(later).toMatch(/seg_017\.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:[\d.]+,\nliPublicLive\/seg_018\.ts/);
    expect(tags(later)).toHaveLength(1);
  });

  it('serves the public live thumbnail and refuses unknown live segments', async () => {
    const emulator = await emulatorForTest();
    expect((await fetch(`${emulator.url}/liPublicLive/thumbnail.jpg`)).status).toBe(200);
    expect((await fetch(`${emulator.url}/liPublicLive/other.ts`)).status).toBe(404);
    expect((await fetch(`${emulator.url}/liNope.m3u8`)).status).toBe(404);
  });
});
