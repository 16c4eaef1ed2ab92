import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EmulatorOptions } from '../src/emulatorOptions.js';
import { formatBanner } from '../src/formatBanner.js';
import { builtInMediaRoot } from '../src/mediaRoot.js';
import { emulatorForTest, tempDir } from './helpers.js';

function makeMediaDir(): string {
  const root = tempDir('emulator-own-');
  mkdirSync(join(root, 'viMine', 'mp4'), { recursive: true });
  copyFileSync(join(builtInMediaRoot, 'thumbnail.jpg'), join(root, 'viMine', 'thumbnail.jpg'));
  copyFileSync(join(builtInMediaRoot, 'source.mp4'), join(root, 'viMine', 'mp4', 'source.mp4'));
  mkdirSync(join(root, 'viOpen'));
  copyFileSync(join(builtInMediaRoot, 'thumbnail.jpg'), join(root, 'viOpen', 'thumbnail.jpg'));
  writeFileSync(join(root, 'viOpen', 'video.json'), JSON.stringify({ title: 'Open one', public: true }));
  mkdirSync(join(root, 'empty'));
  return root;
}

describe('mediaDir option', () => {
  it('adds one video per subfolder, private by default, with whatever assets it holds', async () => {
    const emulator = await emulatorForTest({ mediaDir: makeMediaDir() });
    expect(emulator.catalog.findVideo('viMine')).toMatchObject({ public: false, title: 'viMine' });
    expect(emulator.catalog.findVideo('viMine')?.hlsDir).toBeUndefined();
    expect(emulator.catalog.findVideo('viOpen')).toMatchObject({ public: true, title: 'Open one' });
    expect(emulator.catalog.findVideo('empty')).toBeUndefined();
    expect(emulator.catalog.findVideo('viPrivateTs')).toBeDefined();

    const minted = emulator.mintToken('viMine');
    const { session_token: avh } = (await (await fetch(minted.urls.session)).json()) as {
      session_token: string;
    };
    const mp4 = await fetch(`${minted.urls.mp4}?avh=${avh}`, { headers: { Range: 'bytes=0-3' } });
    expect(mp4.status).toBe(206);
    expect((await fetch(`${minted.urls.hls}?avh=${avh}`)).status).toBe(404);
    expect((await fetch(`${emulator.url}/vod/viOpen/thumbnail.jpg`)).status).toBe(200);
  });

  it("lets a folder named like a built-in video replace it: one video of that id, the folder's", async () => {
    const root = tempDir('emulator-own-');
    mkdirSync(join(root, 'viPrivateTs'));
    copyFileSync(join(builtInMediaRoot, 'thumbnail.jpg'), join(root, 'viPrivateTs', 'thumbnail.jpg'));
    writeFileSync(join(root, 'viPrivateTs', 'video.json'), JSON.stringify({ title: 'Mine', public: true }));
    const emulator = await emulatorForTest({ mediaDir: root });
    const clashing = emulator.catalog.videos.filter((video) => video.videoId === 'viPrivateTs');
    expect(clashing).toEqual([expect.objectContaining({ title: 'Mine', public: true })]);
    expect(emulator.catalog.findVideo('viPrivateTs')).toBe(clashing[0]);
  });

  it('serves .webvtt subtitles as text/vtt, the kind the log gives them', async () => {
    const root = tempDir('emulator-own-');
    mkdirSync(join(root, 'viSubs', 'hls', 'subs'), { recursive: true });
    const hls = join(builtInMediaRoot, 'hls-fmp4');
    copyFileSync(join(hls, 'manifest.m3u8'), join(root, 'viSubs', 'hls', 'manifest.m3u8'));
    copyFileSync(join(hls, 'subs', 'subs.vtt'), join(root, 'viSubs', 'hls', 'subs', 'en.webvtt'));
    writeFileSync(join(root, 'viSubs', 'video.json'), JSON.stringify({ public: true }));
    const emulator = await emulatorForTest({ mediaDir: root });
    const response = await fetch(`${emulator.url}/vod/viSubs/hls/subs/en.webvtt`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/vtt; charset=utf-8');
    expect(await response.text()).toMatch(/^WEBVTT/);
    expect(emulator.log().at(-1)).toMatchObject({ kind: 'subtitle', status: 200 });
  });

  it('fails to start on a missing folder', async () => {
    await expect(emulatorForTest({ mediaDir: '/definitely/not/here' })).rejects.toThrow(
      /Media folder not found/,
    );
  });

  it('refuses an empty or non-string mediaDir instead of starting without it', async () => {
    for (const mediaDir of ['', 42, null]) {
      await expect(
        emulatorForTest({ mediaDir } as unknown as EmulatorOptions),
        String(mediaDir),
      ).rejects.toThrow(
        new RangeError('mediaDir must be a non-empty string: the path of a folder of videos'),
      );
    }
  });
});

describe('mediaDir: what is skipped is reported, never silently dropped', () => {
  it('reports every skipped folder and ignored file with its reason, on the emulator and in the banner', async () => {
    const root = makeMediaDir();
    mkdirSync(join(root, 'my video'));
    copyFileSync(join(builtInMediaRoot, 'thumbnail.jpg'), join(root, 'my video', 'thumbnail.jpg'));
    // The mp4 is not at mp4/source.mp4: nothing of this folder would be served.
    mkdirSync(join(root, 'viLoose'));
    copyFileSync(join(builtInMediaRoot, 'source.mp4'), join(root, 'viLoose', 'source.mp4'));
    writeFileSync(join(root, 'notes.txt'), 'not a video');
    writeFileSync(join(root, '.DS_Store'), ''); // hidden: not worth a line

    const emulator = await emulatorForTest({ mediaDir: root });
    const looked = 'it has none of thumbnail.jpg, mp4/source.mp4, hls/manifest.m3u8';
    const warnings = [
      `skipped ${join(root, 'empty')}: ${looked}`,
      `skipped ${join(root, 'my video')}: "my video" is not a video id (1 to 64 letters, digits, "_" or "-")`,
      `skipped ${join(root, 'notes.txt')}: not a folder (each video is a subfolder)`,
      `skipped ${join(root, 'viLoose')}: ${looked}`,
    ];
    expect(emulator.warnings).toEqual(warnings);
    expect(emulator.catalog.warnings).toEqual(warnings);
    expect(emulator.catalog.findVideo('viMine')).toBeDefined();
    const banner = formatBanner(emulator, new Map(), {});
    for (const warning of warnings) expect(banner).toContain(`  ${warning}`);
    // Without a media folder there is nothing to report.
    expect((await emulatorForTest()).warnings).toEqual([]);
  });

  it("lists in its banner only the assets a folder's video has (an mp4 and a thumbnail here: no HLS)", async () => {
    const emulator = await emulatorForTest({ mediaDir: makeMediaDir() });
    const banner = formatBanner(emulator, new Map([['viMine', emulator.mintToken('viMine')]]), {});
    const mine = banner.slice(banner.indexOf('viMine'), banner.indexOf('curl', banner.indexOf('viMine')));
    expect(mine).toContain('/viMine/token/');
    expect(mine).toContain('thumbnail.jpg?avh=');
    expect(mine).toContain('mp4/source.mp4?avh=');
    expect(mine).not.toContain('manifest.m3u8');
  });

  it('gives a curl line that fetches an asset the video has: the thumbnail of a video with nothing else', async () => {
    const root = tempDir('emulator-own-');
    mkdirSync(join(root, 'viThumbOnly'));
    copyFileSync(join(builtInMediaRoot, 'thumbnail.jpg'), join(root, 'viThumbOnly', 'thumbnail.jpg'));
    const emulator = await emulatorForTest({ mediaDir: root });
    const minted = emulator.mintToken('viThumbOnly');
    const banner = formatBanner(emulator, new Map([['viThumbOnly', minted]]), {});
    const curl = banner.split('\n').find((line) => line.includes(`curl -s ${minted.urls.session}`));
    expect(curl).toContain(`curl -sI "${minted.urls.thumbnail}?avh=$AVH"`);
    expect(curl).not.toContain('manifest.m3u8');
  });

  it('refuses a video.json that is not JSON, or that sets something it cannot: it would have made a video private', async () => {
    const cases: [string, string][] = [
      ['{ "public": true, }', 'is not valid JSON'],
      ['[true]', 'must hold a JSON object'],
      ['{ "pubilc": true }', 'unknown key "pubilc" (did you mean "public"?); the keys are title, public'],
      ['{ "public": "yes" }', '"public" must be true or false'],
      ['{ "title": 3 }', '"title" must be a string'],
    ];
    for (const [json, reason] of cases) {
      const root = makeMediaDir();
      const file = join(root, 'viOpen', 'video.json');
      writeFileSync(file, json);
      await expect(emulatorForTest({ mediaDir: root }), json).rejects.toThrow(`${file}: ${reason}`);
    }
  });
});
