import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInMediaRoot } from '../src/mediaRoot.js';
import { emulatorForTest } from './helpers.js';

function makeMediaDir(): string {
  const root = mkdtempSync(join(tmpdir(), 'emulator-own-'));
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

  it('fails to start on a missing folder', async () => {
    await expect(emulatorForTest({ mediaDir: '/definitely/not/here' })).rejects.toThrow(
      /Media folder not found/,
    );
  });
});
