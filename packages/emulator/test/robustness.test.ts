import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emulatorForTest, openSession, rawRequest, tempDir, withAvh } from './helpers.js';

describe('robustness', () => {
  it('refuses traversal attempts with 400 and serves nothing outside the media folder', async () => {
    const emulator = await emulatorForTest();
    const paths = [
      '/vod/viPublicTs/hls/../../../../etc/passwd',
      '/vod/viPublicTs/hls/%2e%2e/%2e%2e/package.json',
      '/vod/viPublicTs/hls/%2E%2E%2F%2E%2E%2Fpackage.json',
      '/vod/viPublicTs/hls/..%2f..%2fpackage.json',
      '/vod/viPublicTs/hls/..%5c..%5cpackage.json',
      '/vod/viPublicTs/hls/v0%2findex.m3u8',
      '/vod/viPublicTs/hls/./manifest.m3u8',
      '/vod/viPublicTs//hls/manifest.m3u8',
      '/vod/viPublicTs/hls/manifest.m3u8%00.jpg',
      '/vod/viPublicTs/hls/%E0%A4%A',
      'vod/viPublicTs/thumbnail.jpg',
    ];
    for (const path of paths) {
      const response = await rawRequest(emulator.url, path);
      expect(response.status, path).toBe(400);
      expect(response.body.toString(), path).toBe('');
    }
    expect(emulator.log().every((entry) => entry.rule === 'bad-request' && entry.kind === 'other')).toBe(
      true,
    );
  });

  it('accepts the absolute-form request target (RFC 9112 §3.2.2: a server MUST), under the same rules', async () => {
    const emulator = await emulatorForTest();
    const absolute = `${emulator.url}/vod/viPublicTs/thumbnail.jpg?x=1`;
    const response = await rawRequest(emulator.url, absolute);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('image/jpeg');
    // Logged (and matched by faults) by its path, as the origin-form request would be.
    expect(emulator.log().at(-1)).toMatchObject({ path: '/vod/viPublicTs/thumbnail.jpg', query: { x: '1' } });
    const { urls } = emulator.mintToken('viPrivateTs');
    expect((await rawRequest(emulator.url, urls.thumbnail)).status).toBe(200);
    expect((await rawRequest(emulator.url, urls.thumbnail)).status).toBe(404);
    for (const path of [
      `${emulator.url}/vod/viPublicTs/hls/../../../package.json`,
      `${emulator.url}/vod/viPublicTs/hls/%2e%2e/%2e%2e/package.json`,
      'http:/vod/viPublicTs/thumbnail.jpg',
    ]) {
      expect((await rawRequest(emulator.url, path)).status, path).toBe(400);
    }
  });

  it('answers 404 for unknown videos, assets and paths, with no body', async () => {
    const emulator = await emulatorForTest();
    for (const path of [
      '/vod/viNope/thumbnail.jpg',
      '/vod/viNope/token/abc/session',
      '/vod/viPublicTs/hls/nope.m3u8',
      '/vod/viPublicTs/hls/.hidden',
      '/vod/viPublicTs/other.txt',
      '/private/abc/liNope.m3u8',
      '/nothing/here',
      '/',
    ]) {
      const response = await rawRequest(emulator.url, path);
      expect(response.status, path).toBe(404);
      expect(response.body.toString(), path).toBe('');
    }
  });

  it('refuses asset lookups on a private video without consuming the token when the file does not exist', async () => {
    const emulator = await emulatorForTest();
    const { urls } = emulator.mintToken('viPrivateTs');
    expect((await fetch(urls.hls.replace('manifest.m3u8', 'nope.ts'))).status).toBe(404);
    expect((await fetch(urls.session)).status).toBe(200);
  });

  it('survives oversized headers (431) and keeps serving', async () => {
    const emulator = await emulatorForTest();
    const response = await rawRequest(emulator.url, '/vod/viPublicTs/thumbnail.jpg', {
      headers: { 'X-Big': 'x'.repeat(100_000) },
    });
    expect(response.status).toBe(431);
    expect((await rawRequest(emulator.url, '/vod/viPublicTs/thumbnail.jpg')).status).toBe(200);
  });

  it('answers 405 for unsupported methods on delivery paths', async () => {
    const emulator = await emulatorForTest();
    const response = await rawRequest(emulator.url, '/vod/viPublicTs/thumbnail.jpg', { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
  });

  it('compares tokens exactly: a token differing in one character or length is unknown', async () => {
    const emulator = await emulatorForTest();
    const { urls, privateToken } = emulator.mintToken('viPrivateTs');
    const last = privateToken.at(-1) === 'a' ? 'b' : 'a';
    for (const wrong of [privateToken.slice(0, -1) + last, `${privateToken}0`, privateToken.toUpperCase()]) {
      if (wrong === privateToken) continue;
      expect((await fetch(urls.session.replace(privateToken, wrong))).status).toBe(404);
    }
    expect((await fetch(urls.session)).status).toBe(200);
  });

  it('serves 500 concurrent segment requests', async () => {
    const emulator = await emulatorForTest();
    const { urls, avh } = await openSession(emulator, 'viPrivateFmp4');
    const base = urls.hls.replace('manifest.m3u8', '');
    const requests = Array.from({ length: 500 }, (_, i) =>
      fetch(withAvh(`${base}${i % 2 ? '360p' : '240p'}/seg_00${i % 6}.m4s`, avh)).then(async (response) => ({
        status: response.status,
        size: (await response.arrayBuffer()).byteLength,
      })),
    );
    const results = await Promise.all(requests);
    expect(results.filter((result) => result.status === 200 && result.size > 0)).toHaveLength(500);
    expect(
      emulator.log().filter((entry) => entry.kind === 'segment' && entry.rule === 'signed'),
    ).toHaveLength(500);
  });

  it('never follows a symlink out of a user media folder', async () => {
    const root = tempDir('emulator-media-');
    const outside = tempDir('emulator-outside-');
    writeFileSync(join(outside, 'secret.ts'), 'secret');
    mkdirSync(join(root, 'viLinked', 'hls'), { recursive: true });
    writeFileSync(join(root, 'viLinked', 'hls', 'manifest.m3u8'), '#EXTM3U\n');
    writeFileSync(join(root, 'viLinked', 'video.json'), '{"public": true}');
    symlinkSync(join(outside, 'secret.ts'), join(root, 'viLinked', 'hls', 'leak.ts'));
    const emulator = await emulatorForTest({ mediaDir: root });
    expect((await fetch(`${emulator.url}/vod/viLinked/hls/manifest.m3u8`)).status).toBe(200);
    const leak = await fetch(`${emulator.url}/vod/viLinked/hls/leak.ts`);
    expect(leak.status).toBe(404);
    expect(await leak.text()).toBe('');
  });

  it('never follows a thumbnail or mp4 symlink out of its folder either', async () => {
    const root = tempDir('emulator-media-');
    const outside = tempDir('emulator-outside-');
    writeFileSync(join(outside, 'secret'), 'secret');
    mkdirSync(join(root, 'viLinked', 'mp4'), { recursive: true });
    writeFileSync(join(root, 'viLinked', 'video.json'), '{"public": true}');
    symlinkSync(join(outside, 'secret'), join(root, 'viLinked', 'thumbnail.jpg'));
    symlinkSync(join(outside, 'secret'), join(root, 'viLinked', 'mp4', 'source.mp4'));
    const emulator = await emulatorForTest({ mediaDir: root });
    for (const path of ['thumbnail.jpg', 'mp4/source.mp4']) {
      const leak = await fetch(`${emulator.url}/vod/viLinked/${path}`);
      expect(leak.status, path).toBe(404);
      expect(await leak.text(), path).toBe('');
    }
  });
});
